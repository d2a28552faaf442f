import { nullable, nullableObject, nullableTimestamp, streamSchema, type JsonSchema } from './json-schema.js';
import { userInfo } from './shared-shapes.js';

/** `segments`: saved filters on a table, `GET /api/segment` (non-archived). */
export function segmentsSchema(): JsonSchema {
  return streamSchema({
    archived: nullable('boolean'),
    caveats: nullable('string'),
    created_at: nullableTimestamp(),
    creator: userInfo(),
    creator_id: nullable('integer'),
    definition: nullableObject(),
    definition_description: nullable('string'),
    description: nullable('string'),
    entity_id: nullable('string'),
    id: nullable('integer'),
    name: nullable('string'),
    points_of_interest: nullable('string'),
    show_in_getting_started: nullable('boolean'),
    table_id: nullable('integer'),
    updated_at: nullableTimestamp(),
  });
}
