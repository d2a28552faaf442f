import { nativeQuerySnippetsSchema } from '../schemas/native-query-snippets.js';
import { bareList, describeStream } from './metabase-stream.js';

/** `native_query_snippets`: GET /api/native-query-snippet, a bare array. */
export const nativeQuerySnippets = describeStream({
  name: 'native_query_snippets',
  primaryKey: [['id']],
  cursorField: 'updated_at',
  access: 'viewer',
  schema: nativeQuerySnippetsSchema,
  read: () => ({ request: { path: 'native-query-snippet' }, records: bareList }),
});
