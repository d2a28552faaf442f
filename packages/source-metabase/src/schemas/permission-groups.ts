import { nullable, nullableObject, streamSchema, type JsonSchema } from './json-schema.js';

/** `permission_groups`: `GET /api/permissions/group` (administrators only). */
export function permissionGroupsSchema(): JsonSchema {
  return streamSchema({
    entity_id: nullable('string'),
    id: nullable('integer'),
    magic_group_type: nullable('string'),
    member_count: nullable('integer'),
    members: { type: ['null', 'integer', 'array'], items: nullableObject() }, // a count in older versions
    name: nullable('string'),
  });
}
