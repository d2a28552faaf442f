// GET /api/dashboard (legacy list, deprecated but present in 0.50) and GET /api/dashboard/:id (with its cards
// and tabs under the keys of the imitated version; in 0.51-0.52 a view moves the dashboard's updated_at).
import { versionedDashboard } from '../data/versions.js';
import type { World } from '../data/world.js';
import { jsonReply, NOT_FOUND, streamedArray } from '../server/reply.js';
import { badParam, defineRoute, isReply, positiveId, type Route } from '../server/route.js';

const FILTERS = ['all', 'mine', 'archived'];

export function dashboardRoutes(world: World): Route[] {
  const { dashboards } = world;
  return [
    defineRoute('GET', '/api/dashboard', 'user', (ctx) => {
      const f = ctx.query.get('f') ?? 'all';
      if (!FILTERS.includes(f)) return badParam('f', 'nullable enum of all, mine, archived', f);
      const ids = dashboards
        .order()
        .filter(
          (id) =>
            dashboards.isArchived(id) === (f === 'archived') &&
            (f !== 'mine' || dashboards.listRow(id).creator_id === ctx.user?.id),
        );
      return streamedArray(ids, (id) => JSON.stringify(dashboards.listRow(id)));
    }),
    defineRoute('GET', '/api/dashboard/:id', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      if (!dashboards.exists(id)) return NOT_FOUND();
      const reply = jsonReply(versionedDashboard(dashboards.detail(id), world.rules));
      // The view is recorded after the answer was made: the next request sees the moved updated_at.
      if (ctx.now !== undefined && world.rules.viewMovesUpdatedAt) world.overlay.dashboardViews.set(id, ctx.now());
      return reply;
    }),
  ];
}
