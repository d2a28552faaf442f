import { bareList, metabaseStream, type MetabaseStream } from './metabase-stream.js';

/** `collections`: GET /api/collection, a bare array led by the root pseudo-collection (id "root"). */
export function collectionsStream(): MetabaseStream {
  return metabaseStream('collections', 'viewer', { request: { path: 'collection' }, records: bareList });
}
