import {
  nullable,
  nullableObject,
  nullableObjectArray,
  nullableTimestamp,
  streamSchema,
  type JsonSchema,
} from './json-schema.js';

/** `tables`: every active table Metabase knows, `GET /api/table`, each with its database hydrated as `db`. */
export function tablesSchema(): JsonSchema {
  return streamSchema({
    active: nullable('boolean'),
    caveats: nullable('string'),
    created_at: nullableTimestamp(),
    database_require_filter: nullable('boolean'),
    db: nullableObject({
      engine: nullable('string'),
      id: nullable('integer'),
      is_sample: nullable('boolean'),
      name: nullable('string'),
    }),
    db_id: nullable('integer'),
    description: nullable('string'),
    display_name: nullable('string'),
    entity_id: nullable('string'),
    entity_type: nullable('string'),
    estimated_row_count: nullable('integer'),
    field_order: nullable('string'),
    id: nullable('integer'),
    initial_sync_status: nullable('string'),
    is_upload: nullable('boolean'),
    metrics: nullableObjectArray(), // legacy metrics, before 0.51
    name: nullable('string'),
    points_of_interest: nullable('string'),
    rows: nullable('integer'),
    schema: nullable('string'),
    segments: nullableObjectArray(),
    show_in_getting_started: nullable('boolean'),
    updated_at: nullableTimestamp(),
    view_count: nullable('integer'),
    visibility_type: nullable('string'),
  });
}
