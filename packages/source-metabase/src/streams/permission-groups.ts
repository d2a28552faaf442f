import { administratorCheck, currentUserLookup, type CurrentUserLookup } from './administrator-check.js';
import { bareList, metabaseStream, type MetabaseStream } from './metabase-stream.js';

/**
 * `permission_groups`: GET /api/permissions/group, a bare array; administrators only (403 otherwise, except for a
 * group manager, who gets the groups it manages: a LOG says so first).
 */
export function permissionGroupsStream(lookup: CurrentUserLookup = currentUserLookup()): MetabaseStream {
  return metabaseStream('permission_groups', 'admin', {
    request: { path: 'permissions/group' },
    records: bareList,
    partitions: administratorCheck('permission_groups', 'groups', lookup),
  });
}
