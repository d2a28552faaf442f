// Cards (questions, models, metrics): ids 1..count, each built from (seed, id) plus mutations.
import { between, nanoId, pick, unit, uuidFrom } from '../prng.js';
import type { JsonRecord } from '../types.js';
import { sortIdsByName } from './sort-ids-by-name.js';
import type { Catalog } from './catalog.js';
import type { CollectionSpace } from './collections.js';
import type { Overlay } from './overlay.js';
import { aggregatedMetadata, tableMetadata, type TableMetadata } from './result-metadata.js';
import { iso, laterThan, momentAt } from './time.js';
import { lastEditInfo, userInfo, type UserModel } from './users.js';
import { DESCRIPTIONS, DISPLAYS, QUALIFIERS, TOPICS } from './words.js';

const KIND = 51;
export const METABASE_VERSION = 'v0.50.36';

export interface CardSource {
  count: number;
  exists: (id: number) => boolean;
  isArchived: (id: number) => boolean;
  collectionId: (id: number) => number | null;
  name: (id: number) => string;
  record: (id: number) => JsonRecord;
  /** Ids sorted like GET /api/card (lower(name), id). UNVERIFIED order; Metabase sorts cards by name. */
  order: () => Int32Array;
}

export interface CardContext {
  seed: number;
  scale: number;
  users: readonly UserModel[];
  catalog: Catalog;
  collections: CollectionSpace;
  overlay: Overlay;
}

export function createCardSource(ctx: CardContext): CardSource {
  const { seed, users, catalog, collections, overlay } = ctx;
  const count = Math.max(12, Math.round(40 * ctx.scale));
  const metadata: TableMetadata[] = catalog.tables.map(tableMetadata);
  const infos = users.map(userInfo);
  const r = (id: number, k: number): number => unit(seed, KIND, id, k);
  const creatorOf = (id: number): UserModel => pick(users, r(id, 1) * r(id, 1));
  const collectionId = (id: number): number | null => {
    const creator = creatorOf(id);
    return collections.pickHolder(r(id, 2), creator.type === 'personal' && creator.active ? creator.id : null);
  };
  const isArchived = (id: number): boolean => {
    const patch = overlay.cards.get(id)?.archived;
    if (patch !== undefined) return patch;
    const coll = collectionId(id);
    return r(id, 3) < 0.04 || (coll !== null && collections.isArchived(coll));
  };
  const name = (id: number): string => {
    const base = `${pick(TOPICS, r(id, 4))} ${pick(QUALIFIERS, r(id, 5))}`;
    return r(id, 6) < 0.3 ? `${base} (${id})` : base;
  };

  const record = (id: number): JsonRecord => {
    const creator = creatorOf(id);
    const table = pick(catalog.tables, r(id, 7));
    const meta = metadata[table.id - 1] ?? { raw: [], native: [] };
    const typeRoll = r(id, 8);
    const type = typeRoll < 0.75 ? 'question' : typeRoll < 0.9 ? 'model' : 'metric';
    const native = type !== 'metric' && r(id, 9) < 0.35;
    const dateField = table.fields.find((f) => f.baseType.startsWith('type/Date'));
    const aggregated = type === 'metric' || (!native && dateField !== undefined && r(id, 10) < 0.5);
    const width = between(r(id, 11), 2, 5);
    let datasetQuery: JsonRecord;
    let resultMetadata: JsonRecord[];
    if (native) {
      const cols = table.fields.slice(0, width).map((f) => f.name).join(', ');
      const tagged = r(id, 12) < 0.3;
      datasetQuery = {
        database: table.dbId, type: 'native',
        native: {
          query: `SELECT ${cols} FROM ${String(table.record.schema)}.${table.name}${tagged ? ' WHERE {{filter}}' : ''} LIMIT 2000`,
          'template-tags': tagged ? { filter: { type: 'text', name: 'filter', id: uuidFrom(seed, KIND, id), 'display-name': 'Filter' } } : {},
        },
      };
      resultMetadata = meta.native.slice(0, width);
    } else if (aggregated && dateField !== undefined) {
      datasetQuery = { database: table.dbId, type: 'query', query: { 'source-table': table.id, aggregation: [['count']], breakout: [['field', dateField.id, { 'temporal-unit': 'month' }]] } };
      resultMetadata = aggregatedMetadata(dateField, between(r(id, 13), 12, 48));
    } else {
      datasetQuery = { database: table.dbId, type: 'query', query: { 'source-table': table.id, limit: 2000 } };
      resultMetadata = meta.raw.slice(0, width);
    }
    const created = momentAt(r(id, 14) * 0.95, r(id, 15));
    const patch = overlay.cards.get(id);
    const updated = patch?.updatedMs ?? laterThan(created, r(id, 16), 30);
    const editor = patch?.editorId === undefined ? (r(id, 17) < 0.7 ? creator : pick(users, r(id, 18))) : users[patch.editorId - 1] ?? creator;
    const collId = collectionId(id);
    const archived = isArchived(id);
    const display = aggregated ? pick(['line', 'bar', 'area', 'combo'], r(id, 19)) : native ? 'table' : pick(DISPLAYS, r(id, 20));
    return {
      cache_invalidated_at: null,
      description: patch?.revision !== undefined ? `Edited (revision ${patch.revision}).` : r(id, 21) < 0.5 ? null : pick(DESCRIPTIONS, r(id, 22)),
      archived,
      view_count: between(r(id, 23), 0, 5000),
      collection_position: r(id, 24) < 0.05 ? between(r(id, 25), 1, 5) : null,
      source_card_id: null,
      table_id: native ? null : table.id,
      can_run_adhoc_query: true,
      result_metadata: resultMetadata,
      creator: infos[creator.id - 1] ?? null,
      initially_published_at: null,
      can_write: true,
      database_id: table.dbId,
      enable_embedding: false,
      collection_id: collId,
      query_type: native ? 'native' : 'query',
      name: name(id),
      last_used_at: iso(laterThan(updated, r(id, 26), 20)),
      type,
      query_average_duration: null,
      creator_id: creator.id,
      moderation_reviews: [],
      updated_at: iso(updated),
      made_public_by_id: null,
      embedding_params: null,
      cache_ttl: null,
      dataset_query: datasetQuery,
      id,
      parameter_mappings: [],
      display,
      entity_id: nanoId(seed, KIND, id),
      collection_preview: true,
      'last-edit-info': lastEditInfo(editor, updated),
      visualization_settings: aggregated ? { 'graph.dimensions': [dateField?.name ?? 'date'], 'graph.metrics': ['count'] } : {},
      collection: collId === null ? null : collections.ref(collId),
      metabase_version: METABASE_VERSION,
      parameters: [],
      // Deprecated since 0.49 in favour of `type`, still served; the official connector schema declares it.
      dataset: type === 'model',
      created_at: iso(created),
      public_uuid: null,
      archived_directly: archived ? patch?.archived === true || r(id, 3) < 0.04 : false,
    };
  };

  let sorted: Int32Array | undefined;
  return {
    count,
    exists: (id) => Number.isInteger(id) && id >= 1 && id <= count,
    isArchived,
    collectionId,
    name,
    record,
    order: () => {
      if (sorted !== undefined) return sorted;
      sorted = sortIdsByName(count, name);
      return sorted;
    },
  };
}
