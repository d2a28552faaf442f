import { bareList, metabaseStream, type MetabaseStream } from './metabase-stream.js';

/** `tables`: GET /api/table, a bare array of the active tables of every database. */
export function tablesStream(): MetabaseStream {
  return metabaseStream('tables', 'viewer', { request: { path: 'table' }, records: bareList });
}
