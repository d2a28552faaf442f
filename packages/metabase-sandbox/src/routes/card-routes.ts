// GET /api/card (bare array, streamed) and GET /api/card/:id.
import type { World } from '../data/world.js';
import { ROOT_COLLECTION } from '../data/collections.js';
import { jsonReply, NOT_FOUND, streamedArray } from '../server/reply.js';
import { badParam, defineRoute, isReply, positiveId, type Route } from '../server/route.js';

const FILTERS = [
  'all',
  'mine',
  'bookmarked',
  'database',
  'table',
  'using_model',
  'using_metric',
  'using_segment',
  'archived',
];
const NEEDS_MODEL_ID = new Set(['database', 'table', 'using_model', 'using_metric', 'using_segment']);

export function cardRoutes(world: World): Route[] {
  const { cards } = world;
  return [
    defineRoute('GET', '/api/card', 'user', (ctx) => {
      const f = ctx.query.get('f') ?? 'all';
      if (!FILTERS.includes(f)) return badParam('f', `nullable enum of ${FILTERS.join(', ')}`, f);
      const modelId = Number(ctx.query.get('model_id') ?? NaN);
      if (NEEDS_MODEL_ID.has(f) && !(modelId > 0)) {
        return jsonReply({ errors: { model_id: `model_id is a required parameter when filter mode is '${f}'` } }, 400);
      }
      if (f === 'bookmarked' || f === 'using_model' || f === 'using_metric' || f === 'using_segment')
        return jsonReply([]);
      const ids = cards.order().filter((id) => {
        if (cards.isArchived(id) !== (f === 'archived')) return false;
        if (f === 'mine') return cards.facts(id).creator.id === ctx.user?.id;
        if (f === 'database') return cards.facts(id).table.dbId === modelId;
        if (f === 'table') return !cards.facts(id).native && cards.facts(id).table.id === modelId;
        return true;
      });
      return streamedArray(ids, cards.json);
    }),
    defineRoute('GET', '/api/card/:id', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      if (!cards.exists(id)) return NOT_FOUND();
      const card = cards.record(id);
      return jsonReply({
        ...card,
        collection: card.collection ?? { ...ROOT_COLLECTION, effective_ancestors: [] },
        can_restore: card.archived,
        can_delete: false,
        can_manage_db: true,
        dashboard_count: 0,
        average_query_time: null,
        last_query_start: null,
        parameter_usage_count: 0,
        based_on_upload: null,
        param_fields: null,
        persisted: null,
      });
    }),
  ];
}
