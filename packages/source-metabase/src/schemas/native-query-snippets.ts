import { nullable, nullableTimestamp, streamSchema, type JsonSchema } from './json-schema.js';
import { userInfo } from './shared-shapes.js';

/** `native_query_snippets`: reusable SQL fragments, `GET /api/native-query-snippet`. */
export function nativeQuerySnippetsSchema(): JsonSchema {
  return streamSchema({
    archived: nullable('boolean'),
    collection_id: nullable('integer'),
    content: nullable('string'),
    created_at: nullableTimestamp(),
    creator: userInfo(),
    creator_id: nullable('integer'),
    description: nullable('string'),
    entity_id: nullable('string'),
    id: nullable('integer'),
    is_remote_synced: nullable('boolean'),
    name: nullable('string'),
    updated_at: nullableTimestamp(),
  });
}
