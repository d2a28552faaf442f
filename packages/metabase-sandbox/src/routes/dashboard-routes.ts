// GET /api/dashboard (legacy list, deprecated but present in 0.50) and GET /api/dashboard/:id.
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
      const ids = dashboards.order().filter((id) =>
        dashboards.isArchived(id) === (f === 'archived') && (f !== 'mine' || dashboards.listRow(id).creator_id === ctx.user?.id));
      return streamedArray(ids, (id) => JSON.stringify(dashboards.listRow(id)));
    }),
    defineRoute('GET', '/api/dashboard/:id', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      return dashboards.exists(id) ? jsonReply(dashboards.detail(id)) : NOT_FOUND();
    }),
  ];
}
