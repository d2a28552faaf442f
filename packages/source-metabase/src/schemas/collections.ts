import {
  nullable,
  nullableArray,
  nullableObjectArray,
  nullableTimestamp,
  streamSchema,
  type JsonSchema,
} from './json-schema.js';

/** `collections`: `GET /api/collection`. The first row is the root pseudo-collection, whose id is "root". */
export function collectionsSchema(): JsonSchema {
  return streamSchema({
    archive_operation_id: nullable('string'),
    archived: nullable('boolean'),
    archived_directly: nullable('boolean'),
    authority_level: nullable('string'),
    below: nullableArray(nullable('string')),
    can_delete: nullable('boolean'),
    can_restore: nullable('boolean'),
    can_write: nullable('boolean'),
    color: nullable('string'),
    created_at: nullableTimestamp(),
    description: nullable('string'),
    effective_ancestors: nullableObjectArray({ id: nullable('integer', 'string'), name: nullable('string') }),
    effective_location: nullable('string'),
    entity_id: nullable('string'),
    here: nullableArray(nullable('string')),
    id: nullable('integer', 'string'),
    is_personal: nullable('boolean'),
    is_remote_synced: nullable('boolean'),
    is_sample: nullable('boolean'),
    location: nullable('string'),
    name: nullable('string'),
    namespace: nullable('string'),
    parent_id: nullable('integer'),
    personal_owner_id: nullable('integer'),
    slug: nullable('string'),
    type: nullable('string'),
  });
}
