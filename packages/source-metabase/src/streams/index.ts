import { alerts } from './alerts.js';
import { currentUserLookup } from './administrator-check.js';
import { cards } from './cards.js';
import { collectionsItemsDashboards } from './collections-items-dashboards.js';
import { collections } from './collections.js';
import { dashboardCards } from './dashboard-cards.js';
import { dashboards } from './dashboards.js';
import { databases } from './databases.js';
import { metabaseStream, type MetabaseStream, type MetabaseStreamOptions } from './metabase-stream.js';
import { nativeQuerySnippets } from './native-query-snippets.js';
import { permissionGroups } from './permission-groups.js';
import { segments } from './segments.js';
import { tables } from './tables.js';
import { users } from './users.js';

/**
 * Every stream's description, in catalog order: the official seven first, then the five this connector adds. The
 * one list of streams: the stream definitions, the catalog and the schema registry derive from it.
 */
export const metabaseStreamDescriptions = [
  cards,
  collections,
  dashboards,
  collectionsItemsDashboards,
  users,
  databases,
  nativeQuerySnippets,
  tables,
  segments,
  permissionGroups,
  alerts,
  dashboardCards,
] as const;

export type StreamName = (typeof metabaseStreamDescriptions)[number]['name'];

/** The kit's stream definitions of every stream, in catalog order, for one run. */
export function metabaseStreams(options: MetabaseStreamOptions = {}): MetabaseStream[] {
  const shared = { options, whoAmI: currentUserLookup() }; // users and permission_groups share one GET /api/user/current per run
  return metabaseStreamDescriptions.map((description) => metabaseStream(description, shared));
}
