import {
  nullable,
  nullableArray,
  nullableObject,
  nullableObjectArray,
  nullableTimestamp,
  streamSchema,
  type JsonSchema,
  type JsonSchemaProperties,
} from './json-schema.js';

/** One card placed on a dashboard, as `GET /api/dashboard/{id}` returns it in `dashcards`. */
export function dashcardProperties(): JsonSchemaProperties {
  return {
    action_id: nullable('integer'),
    card: nullableObject({
      display: nullable('string'),
      id: nullable('integer'),
      name: nullable('string'),
      type: nullable('string'),
    }),
    card_id: nullable('integer'), // null for text, heading, link and placeholder cards
    col: nullable('integer'),
    created_at: nullableTimestamp(),
    dashboard_id: nullable('integer'),
    dashboard_tab_id: nullable('integer'),
    entity_id: nullable('string'),
    id: nullable('integer'),
    parameter_mappings: nullableObjectArray({
      card_id: nullable('integer'),
      parameter_id: nullable('string'),
      target: nullableArray({}), // an MBQL reference such as ["dimension", ["field", 12, null]]
    }),
    row: nullable('integer'),
    series: nullableObjectArray({ id: nullable('integer'), name: nullable('string') }),
    size_x: nullable('integer'),
    size_y: nullable('integer'),
    updated_at: nullableTimestamp(),
    visualization_settings: nullableObject(),
  };
}

/** `dashboard_cards`: one row per dashcard of every dashboard. */
export function dashboardCardsSchema(): JsonSchema {
  return streamSchema(dashcardProperties());
}
