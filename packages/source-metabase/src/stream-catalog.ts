import type { StreamName } from './schemas/index.js';

/** What every stream reads and how it is keyed. */
export interface StreamCatalogEntry {
  /** The Metabase endpoint(s), for docs and logs. */
  readonly endpoint: string;
  readonly primaryKey: readonly (readonly string[])[];
  /** Set for streams that support incremental sync (client-side filter on this field). */
  readonly cursorField?: string;
}

export const streamCatalog: Readonly<Record<StreamName, StreamCatalogEntry>> = {
  cards: { endpoint: 'GET /api/card', primaryKey: [['id']], cursorField: 'updated_at' },
  collections: { endpoint: 'GET /api/collection', primaryKey: [['id']] },
  dashboards: {
    endpoint: 'GET /api/dashboard/{id} for each dashboard of collections_items_dashboards',
    primaryKey: [['id']],
    cursorField: 'updated_at',
  },
  collections_items_dashboards: {
    endpoint: 'GET /api/collection/{id}/items?models=dashboard for each collection',
    primaryKey: [['id']],
  },
  users: { endpoint: 'GET /api/user (with status=all when include_deactivated_users is on)', primaryKey: [['id']] },
  databases: { endpoint: 'GET /api/database', primaryKey: [['id']], cursorField: 'updated_at' },
  native_query_snippets: { endpoint: 'GET /api/native-query-snippet', primaryKey: [['id']], cursorField: 'updated_at' },
  tables: { endpoint: 'GET /api/table', primaryKey: [['id']], cursorField: 'updated_at' },
  segments: { endpoint: 'GET /api/segment', primaryKey: [['id']], cursorField: 'updated_at' },
  permission_groups: { endpoint: 'GET /api/permissions/group', primaryKey: [['id']] },
  alerts: { endpoint: 'GET /api/alert', primaryKey: [['id']], cursorField: 'updated_at' },
  dashboard_cards: { endpoint: 'GET /api/dashboard/{id} (its dashcards) for each dashboard', primaryKey: [['id']] },
};
