// Which cards, dashboards and child collections live in each collection. Built lazily (ids only,
// a few bytes per item) and rebuilt after a mutation, so GET /api/collection/:id/items is cheap at scale.
import type { JsonRecord } from '../types.js';
import type { World } from './world.js';

/** Collection id, or 0 for the root collection. */
export type HolderKey = number;

interface Index {
  version: number;
  cards: Map<HolderKey, number[]>;
  dashboards: Map<HolderKey, number[]>;
  children: Map<HolderKey, number[]>;
}

function push(map: Map<HolderKey, number[]>, key: HolderKey, id: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else list.push(id);
}

export type ItemModel = 'card' | 'dataset' | 'metric' | 'dashboard' | 'collection';
export const ITEM_MODELS: readonly ItemModel[] = ['dashboard', 'card', 'dataset', 'metric', 'collection'];

export interface CollectionItems {
  /** Item rows for a holder, filtered by model and archived flag, ordered by lower(name), model, id. */
  rows(key: HolderKey, models: readonly ItemModel[], archived: boolean): JsonRecord[];
}

export function createCollectionItems(world: World): CollectionItems {
  let index: Index | undefined;
  const build = (): Index => {
    if (index?.version === world.overlay.version) return index;
    const next: Index = {
      version: world.overlay.version,
      cards: new Map(),
      dashboards: new Map(),
      children: new Map(),
    };
    for (let id = 1; id <= world.cards.count; id++) push(next.cards, world.cards.collectionId(id) ?? 0, id);
    for (let id = 1; id <= world.dashboards.count(); id++)
      push(next.dashboards, world.dashboards.collectionId(id) ?? 0, id);
    const { collections } = world;
    for (let id = 1; id < collections.trashId; id++) {
      const parent = collections.record(id).parent_id;
      if (!collections.isPersonal(id)) push(next.children, typeof parent === 'number' ? parent : 0, id);
    }
    index = next;
    return next;
  };

  const cardRow = (id: number): JsonRecord => {
    const c = world.cards.record(id);
    const type = world.cards.facts(id).type;
    const model = type === 'model' ? 'dataset' : type === 'metric' ? 'metric' : 'card';
    return {
      id,
      name: c.name,
      description: c.description,
      entity_id: c.entity_id,
      model,
      display: c.display,
      collection_position: c.collection_position,
      collection_preview: true,
      archived: c.archived,
      database_id: c.database_id,
      'last-edit-info': c['last-edit-info'],
      moderated_status: null,
      fully_parameterized: true,
      can_write: true,
      can_restore: false,
      can_delete: false,
      dataset_query: c.dataset_query,
    };
  };
  const collectionRow = (id: number): JsonRecord => {
    const c = world.collections.record(id);
    return {
      id,
      name: c.name,
      description: c.description,
      entity_id: c.entity_id,
      model: 'collection',
      location: c.location,
      authority_level: null,
      type: c.type,
      personal_owner_id: c.personal_owner_id,
      archived: c.archived,
      can_write: true,
      can_restore: false,
      can_delete: false,
      here: [],
      below: [],
    };
  };

  return {
    rows(key, models, archived) {
      const idx = build();
      const rows: JsonRecord[] = [];
      if (models.includes('dashboard')) {
        for (const id of idx.dashboards.get(key) ?? [])
          if (world.dashboards.isArchived(id) === archived) rows.push(world.dashboards.itemRow(id));
      }
      for (const id of idx.cards.get(key) ?? []) {
        if (world.cards.isArchived(id) !== archived) continue;
        const row = cardRow(id);
        if (models.includes(row.model as ItemModel)) rows.push(row);
      }
      if (models.includes('collection')) {
        for (const id of idx.children.get(key) ?? [])
          if (world.collections.isArchived(id) === archived) rows.push(collectionRow(id));
      }
      // UNVERIFIED: 0.50's default sort; we use lower(name), then model, then id.
      return rows.sort((a, b) => {
        const na = String(a.name).toLowerCase();
        const nb = String(b.name).toLowerCase();
        if (na !== nb) return na < nb ? -1 : 1;
        if (a.model !== b.model) return String(a.model) < String(b.model) ? -1 : 1;
        return Number(a.id) - Number(b.id);
      });
    },
  };
}
