import { bareList, metabaseStream, type MetabaseStream } from './metabase-stream.js';

/** `native_query_snippets`: GET /api/native-query-snippet, a bare array. */
export function nativeQuerySnippetsStream(): MetabaseStream {
  return metabaseStream('native_query_snippets', 'viewer', { request: { path: 'native-query-snippet' }, records: bareList });
}
