import { usersSchema } from '../schemas/users.js';
import { administratorCheck } from './administrator-check.js';
import { describeStream, listInData } from './metabase-stream.js';

/**
 * `users`: GET /api/user in one request, without limit/offset (Metabase then sends every user, with `limit` and
 * `offset` null), as the official connector reads it. Paging is not safe: Metabase 0.47 and 0.48 order users by
 * lower(first_name), lower(last_name) with no tie break, so limit/offset pages repeat some users who share a name
 * and skip others. `status=all` adds deactivated users when `include_deactivated_users` is on. A credential that is
 * not an administrator gets a LOG first: a group manager's answer holds only its groups' users.
 */
export const users = describeStream({
  name: 'users',
  primaryKey: [['id']],
  access: 'admin',
  schema: usersSchema,
  read: ({ whoAmI }) => ({
    request: {
      path: 'user',
      params: ({ config }) => (config.include_deactivated_users ? { status: 'all' } : {}),
    },
    records: listInData,
    partitions: administratorCheck('users', 'users', whoAmI),
  }),
});
