import { offsetPagination } from '@mb-airbyte/http-source-kit';
import { listInData, metabaseStream, type MetabaseStream } from './metabase-stream.js';

export const defaultUsersPageSize = 500;

/**
 * `users`: GET /api/user, administrators only. Paged with limit/offset in its `{data, total, limit, offset}` envelope
 * until `total`; `status=all` adds deactivated users when `include_deactivated_users` is on.
 */
export function usersStream(pageSize = defaultUsersPageSize): MetabaseStream {
  return metabaseStream('users', 'admin', {
    request: {
      path: 'user',
      params: ({ config }) => (config.include_deactivated_users ? { status: 'all' } : {}),
    },
    records: listInData,
    paginator: offsetPagination({ limit: pageSize, totalPath: 'total' }),
  });
}
