import { currentUserLookup } from './administrator-check.js';
import { alertsStream } from './alerts.js';
import { cardsStream } from './cards.js';
import { collectionsItemsDashboardsStream } from './collections-items-dashboards.js';
import { collectionsStream } from './collections.js';
import { dashboardCardsStream } from './dashboard-cards.js';
import { dashboardsStream } from './dashboards.js';
import { databasesStream } from './databases.js';
import type { MetabaseStream } from './metabase-stream.js';
import { nativeQuerySnippetsStream } from './native-query-snippets.js';
import { permissionGroupsStream } from './permission-groups.js';
import { segmentsStream } from './segments.js';
import { tablesStream } from './tables.js';
import { usersStream } from './users.js';

export type { MetabaseStream } from './metabase-stream.js';

/** Tuning knobs for big instances and tests; the defaults fit an HTTP client of 8 connections. */
export interface MetabaseStreamOptions {
  /** Collection items requests in flight at once (default 4). */
  collectionItemsConcurrency?: number;
  /** Dashboard detail requests in flight at once (default 3). */
  dashboardConcurrency?: number;
}

/** Every stream, in catalog order: the official seven first, then the five this connector adds. */
export function metabaseStreams(options: MetabaseStreamOptions = {}): MetabaseStream[] {
  const whoAmI = currentUserLookup(); // users and permission_groups share one GET /api/user/current per run
  return [
    cardsStream(),
    collectionsStream(),
    dashboardsStream(options.dashboardConcurrency),
    collectionsItemsDashboardsStream(options.collectionItemsConcurrency),
    usersStream(whoAmI),
    databasesStream(),
    nativeQuerySnippetsStream(),
    tablesStream(),
    segmentsStream(),
    permissionGroupsStream(whoAmI),
    alertsStream(),
    dashboardCardsStream(),
  ];
}
