import { bareList, metabaseStream, type MetabaseStream } from './metabase-stream.js';

/** `permission_groups`: GET /api/permissions/group, a bare array; administrators only (403 otherwise). */
export function permissionGroupsStream(): MetabaseStream {
  return metabaseStream('permission_groups', 'admin', { request: { path: 'permissions/group' }, records: bareList });
}
