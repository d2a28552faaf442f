import { alertsSchema } from './alerts.js';
import { cardsSchema } from './cards.js';
import { collectionsItemsDashboardsSchema } from './collections-items-dashboards.js';
import { collectionsSchema } from './collections.js';
import { dashboardCardsSchema } from './dashboard-cards.js';
import { dashboardsSchema } from './dashboards.js';
import { databasesSchema } from './databases.js';
import type { JsonSchema } from './json-schema.js';
import { nativeQuerySnippetsSchema } from './native-query-snippets.js';
import { permissionGroupsSchema } from './permission-groups.js';
import { segmentsSchema } from './segments.js';
import { tablesSchema } from './tables.js';
import { usersSchema } from './users.js';

export type { JsonSchema, JsonType } from './json-schema.js';

/** Builders of every stream's record schema: the official seven first, then the streams this connector adds. */
export const streamSchemaBuilders = {
  cards: cardsSchema,
  collections: collectionsSchema,
  dashboards: dashboardsSchema,
  collections_items_dashboards: collectionsItemsDashboardsSchema,
  users: usersSchema,
  databases: databasesSchema,
  native_query_snippets: nativeQuerySnippetsSchema,
  tables: tablesSchema,
  segments: segmentsSchema,
  permission_groups: permissionGroupsSchema,
  alerts: alertsSchema,
  dashboard_cards: dashboardCardsSchema,
} as const satisfies Record<string, () => JsonSchema>;

export type StreamName = keyof typeof streamSchemaBuilders;

/** Every stream's record schema (draft-07), frozen; call a builder in `streamSchemaBuilders` for a mutable copy. */
export const streamSchemas: Readonly<Record<StreamName, JsonSchema>> = Object.freeze(
  Object.fromEntries(Object.entries(streamSchemaBuilders).map(([name, build]) => [name, deepFreeze(build())])) as Record<
    StreamName,
    JsonSchema
  >,
);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
