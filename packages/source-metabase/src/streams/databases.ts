import { listInData, metabaseStream, type MetabaseStream } from './metabase-stream.js';

/** `databases`: GET /api/database, records in `data` (`{data, total}`, not paginated). */
export function databasesStream(): MetabaseStream {
  return metabaseStream('databases', 'viewer', { request: { path: 'database' }, records: listInData });
}
