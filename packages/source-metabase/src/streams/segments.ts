import { bareList, metabaseStream, type MetabaseStream } from './metabase-stream.js';

/** `segments`: GET /api/segment, a bare array (archived segments excluded). */
export function segmentsStream(): MetabaseStream {
  return metabaseStream('segments', 'viewer', { request: { path: 'segment' }, records: bareList });
}
