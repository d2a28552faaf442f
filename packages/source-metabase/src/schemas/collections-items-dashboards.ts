import { nullable, nullableTimestamp, streamSchema, type JsonSchema } from './json-schema.js';
import { lastEditInfo } from './shared-shapes.js';

/**
 * `collections_items_dashboards`: the dashboard entries of every collection,
 * `GET /api/collection/{id}/items?models=dashboard` (the `data` array). The official schema declared no properties.
 */
export function collectionsItemsDashboardsSchema(): JsonSchema {
  return streamSchema({
    archived: nullable('boolean'),
    can_delete: nullable('boolean'),
    can_restore: nullable('boolean'),
    can_write: nullable('boolean'),
    collection_id: nullable('integer'),
    collection_position: nullable('integer'),
    collection_preview: nullable('boolean'),
    description: nullable('string'),
    entity_id: nullable('string'),
    id: nullable('integer'),
    'last-edit-info': lastEditInfo(),
    last_used_at: nullableTimestamp(),
    model: nullable('string'),
    moderated_status: nullable('string'),
    name: nullable('string'),
  });
}
