import { permissionGroupsSchema } from '../schemas/permission-groups.js';
import { administratorCheck } from './administrator-check.js';
import { bareList, describeStream } from './metabase-stream.js';

/**
 * `permission_groups`: GET /api/permissions/group, a bare array; administrators only (403 otherwise, except for a
 * group manager, who gets the groups it manages: a LOG says so first).
 */
export const permissionGroups = describeStream({
  name: 'permission_groups',
  primaryKey: [['id']],
  access: 'admin',
  schema: permissionGroupsSchema,
  read: ({ whoAmI }) => ({
    request: { path: 'permissions/group' },
    records: bareList,
    partitions: administratorCheck('permission_groups', 'groups', whoAmI),
  }),
});
