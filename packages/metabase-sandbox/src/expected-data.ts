// `sandbox.expected`: what the admin would get from each list route. Built by running the very
// route handlers the server uses and parsing their output, so expected and served data cannot drift.
import type { World } from './data/world.js';
import type { RouteTable } from './server/route-table.js';
import type { ExpectedData, JsonRecord } from './types.js';

export function createExpectedData(
  world: World,
  routes: RouteTable,
  rewrite: ((text: string) => string) | undefined,
): ExpectedData {
  const admin = world.users[0];
  const call = (path: string, query = ''): unknown => {
    const found = routes.match('GET', path);
    if (found === undefined) throw new Error(`no route for ${path}`);
    const reply = found.route.handle({
      world,
      user: admin,
      isAdmin: true,
      query: new URLSearchParams(query),
      params: found.params,
    });
    if (reply.kind !== 'json') throw new Error(`${path} answered ${reply.status}`);
    return JSON.parse([...reply.body.pieces()].join(''));
  };
  const list = (path: string, query = ''): JsonRecord[] => call(path, query) as JsonRecord[];
  const data = (path: string, query = ''): JsonRecord[] => (call(path, query) as { data: JsonRecord[] }).data;
  const served = (json: string): JsonRecord => JSON.parse(rewrite === undefined ? json : rewrite(json)) as JsonRecord;
  const dashboard = (id: number): JsonRecord => call(`/api/dashboard/${id}`) as JsonRecord;
  const liveDashboardIds = (): number[] => {
    const ids: number[] = [];
    for (let id = 1; id <= world.dashboards.count(); id++) if (!world.dashboards.isArchived(id)) ids.push(id);
    return ids;
  };
  return {
    cards: () => list('/api/card'),
    cardCount: () => world.cards.order().filter((id) => !world.cards.isArchived(id)).length,
    *eachCard() {
      for (const id of world.cards.order()) if (!world.cards.isArchived(id)) yield served(world.cards.json(id));
    },
    collections: () => list('/api/collection'),
    collectionCount: () => list('/api/collection').length,
    dashboards: () => liveDashboardIds().map(dashboard),
    dashboardCount: () => liveDashboardIds().length,
    dashboard: (id) => (world.dashboards.exists(id) ? dashboard(id) : undefined),
    users: () => data('/api/user', 'status=all'),
    databases: () => data('/api/database'),
    nativeQuerySnippets: () => list('/api/native-query-snippet'),
    tables: () => list('/api/table'),
    segments: () => list('/api/segment'),
    permissionGroups: () => list('/api/permissions/group'),
    alerts: () => list('/api/alert'),
    collectionItems: (id) => data(`/api/collection/${String(id)}/items`, 'models=dashboard'),
  };
}
