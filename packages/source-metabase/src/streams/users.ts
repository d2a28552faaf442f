import { administratorCheck, currentUserLookup, type CurrentUserLookup } from './administrator-check.js';
import { listInData, metabaseStream, type MetabaseStream } from './metabase-stream.js';

/**
 * `users`: GET /api/user in one request, without limit/offset (Metabase then sends every user, with `limit` and
 * `offset` null), as the official connector reads it. Paging is not safe: Metabase 0.47 and 0.48 order users by
 * lower(first_name), lower(last_name) with no tie break, so limit/offset pages repeat some users who share a name
 * and skip others. `status=all` adds deactivated users when `include_deactivated_users` is on. A credential that is
 * not an administrator gets a LOG first: a group manager's answer holds only its groups' users.
 */
export function usersStream(lookup: CurrentUserLookup = currentUserLookup()): MetabaseStream {
  return metabaseStream('users', 'admin', {
    request: {
      path: 'user',
      params: ({ config }) => (config.include_deactivated_users ? { status: 'all' } : {}),
    },
    records: listInData,
    partitions: administratorCheck('users', 'users', lookup),
  });
}
