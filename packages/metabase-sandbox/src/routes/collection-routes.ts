// GET /api/collection (root first, streamed), /api/collection/root, /api/collection/:id and
// /api/collection/:id/items (id may be "root"; {total, data, models, limit, offset}).
import { createCollectionItems, ITEM_MODELS, type ItemModel } from '../data/collection-items.js';
import { ROOT_COLLECTION } from '../data/collections.js';
import type { World } from '../data/world.js';
import type { JsonRecord } from '../types.js';
import { jsonReply, NOT_FOUND, streamedArray, type Reply } from '../server/reply.js';
import {
  badParam,
  boolParam,
  defineRoute,
  isReply,
  page,
  parsePaging,
  positiveId,
  type Route,
  type RouteContext,
} from '../server/route.js';

const ROOT_DETAIL: JsonRecord = {
  ...ROOT_COLLECTION,
  effective_ancestors: [],
  effective_location: null,
  parent_id: null,
  can_delete: false,
  can_restore: false,
};
const SNIPPET_ROOT: JsonRecord = { ...ROOT_COLLECTION, name: 'Top folder', namespace: 'snippets' };

export function collectionRoutes(world: World): Route[] {
  const { collections } = world;
  const items = createCollectionItems(world);

  const itemsReply = (ctx: RouteContext, key: number): Reply => {
    const paging = parsePaging(ctx.query);
    if (isReply(paging)) return paging;
    const requested = ctx.query.getAll('models');
    for (const m of requested)
      if (!ITEM_MODELS.includes(m as ItemModel) && m !== 'no_models')
        return badParam('models', 'value must be a valid model', m);
    const models = requested.length === 0 ? ITEM_MODELS : (requested as ItemModel[]);
    const rows = items.rows(key, models, boolParam(ctx, 'archived', false));
    return jsonReply({
      total: rows.length,
      data: page(rows, paging),
      models: requested.length === 0 ? [...ITEM_MODELS] : requested,
      limit: paging.limit,
      offset: paging.offset,
    });
  };

  return [
    defineRoute('GET', '/api/collection', 'user', (ctx) => {
      if (ctx.query.get('namespace') === 'snippets') return jsonReply([SNIPPET_ROOT]);
      const archived = boolParam(ctx, 'archived', false);
      const personalOnly = boolParam(ctx, 'personal-only', false);
      // Admins see every personal collection (and what is inside) unless they opt out; others only their own.
      const othersHidden = !ctx.isAdmin || boolParam(ctx, 'exclude-other-user-collections', false);
      const ids = Array.from(collections.order()).filter((id) => {
        if (collections.isArchived(id) !== archived) return false;
        if (personalOnly && !collections.isPersonal(id)) return false;
        const owner = collections.ownerOf(id);
        return !(owner !== null && othersHidden && owner !== ctx.user?.id);
      });
      // With archived=true the Trash comes along (0.50).
      if (archived && world.rules.trash) ids.push(collections.trashId);
      const withRoot = !archived && !personalOnly;
      const reply = streamedArray(
        ids,
        (id) => JSON.stringify(collections.record(id)),
        withRoot ? `[${JSON.stringify(ROOT_COLLECTION)}${ids.length > 0 ? ',' : ''}` : '[',
      );
      return reply;
    }),
    defineRoute('GET', '/api/collection/root', 'user', () => jsonReply(ROOT_DETAIL)),
    defineRoute('GET', '/api/collection/root/items', 'user', (ctx) => itemsReply(ctx, 0)),
    defineRoute('GET', '/api/collection/:id', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      if (!collections.exists(id)) return NOT_FOUND();
      const record = collections.record(id);
      const ancestors = String(record.location)
        .split('/')
        .filter((s) => s !== '')
        .map(Number);
      return jsonReply({
        ...record,
        effective_location: record.location,
        effective_ancestors: [
          { ...ROOT_COLLECTION, can_write: true },
          ...ancestors.map((a) => ({ id: a, name: collections.name(a), personal_owner_id: null, can_write: true })),
        ],
      });
    }),
    defineRoute('GET', '/api/collection/:id/items', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      return collections.exists(id) ? itemsReply(ctx, id) : NOT_FOUND();
    }),
  ];
}
