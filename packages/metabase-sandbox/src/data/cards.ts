// Cards (questions, models, metrics): ids 1..count, each a pure function of (seed, id) plus mutations.
// /api/card streams tens of thousands of these, so a card is written straight to JSON from cached
// fragments (creator, collection, result_metadata); `record()` parses that same JSON.
import { between, nanoId, pick, unit, uuidFrom } from '../prng.js';
import type { JsonRecord } from '../types.js';
import type { Catalog, FieldModel, TableModel } from './catalog.js';
import type { CollectionSpace } from './collections.js';
import type { Overlay } from './overlay.js';
import { aggregatedMetadata, tableMetadata } from './result-metadata.js';
import { sortIdsByName } from './sort-ids-by-name.js';
import { iso, laterThan, momentAt } from './time.js';
import { lastEditInfo, userInfo, type UserModel } from './users.js';
import type { VersionRules } from './versions.js';
import { DESCRIPTIONS, DISPLAYS, QUALIFIERS, TOPICS } from './words.js';

const KIND = 51;
const COLLECTION_CACHE_LIMIT = 50_000;

export interface CardFacts {
  id: number;
  creator: UserModel;
  table: TableModel;
  type: 'question' | 'model' | 'metric';
  native: boolean;
  dateField: FieldModel | undefined;
  width: number;
  collectionId: number | null;
  archived: boolean;
}

export interface CardSource {
  count: number;
  exists: (id: number) => boolean;
  isArchived: (id: number) => boolean;
  collectionId: (id: number) => number | null;
  name: (id: number) => string;
  /** The cheap facts filters need (creator, table, type) without building the card. */
  facts: (id: number) => CardFacts;
  /** The card as GET /api/card serialises it. */
  json: (id: number) => string;
  record: (id: number) => JsonRecord;
  /** Ids sorted like GET /api/card: lower(name), id (Metabase orders cards by name). */
  order: () => Int32Array;
}

export interface CardContext {
  seed: number;
  scale: number;
  users: readonly UserModel[];
  catalog: Catalog;
  collections: CollectionSpace;
  overlay: Overlay;
  /** Which of `type` and `dataset` this version sends, and its version tag. */
  rules: Pick<VersionRules, 'cardType' | 'cardDataset' | 'tag'>;
  /** Real-instance nulls: some cards have null `parameters` and `parameter_mappings` (saved before those existed). */
  realData: boolean;
}

const q = (value: unknown): string => JSON.stringify(value);

export function createCardSource(ctx: CardContext): CardSource {
  const { seed, users, catalog, collections, overlay } = ctx;
  const count = Math.max(12, Math.round(40 * ctx.scale));
  const r = (id: number, k: number): number => unit(seed, KIND, id, k);
  const creatorJson = users.map((u) => q(userInfo(u)));
  const editPrefix = users.map((u) => q(lastEditInfo(u, 0)).replace(/"timestamp":.*$/, '"timestamp":'));
  const metadataCache = new Map<string, string>();
  const tableMeta = catalog.tables.map(tableMetadata);
  const collectionCache = new Map<number, string>();

  const metadataJson = (f: CardFacts, aggregated: boolean): string => {
    const key = `${f.table.id}:${aggregated ? 'a' : f.native ? 'n' : 'r'}:${f.width}`;
    let cached = metadataCache.get(key);
    if (cached === undefined) {
      const meta = tableMeta[f.table.id - 1];
      const columns =
        aggregated && f.dateField !== undefined
          ? aggregatedMetadata(f.dateField, 12 + (f.table.id % 37))
          : ((f.native ? meta?.native : meta?.raw)?.slice(0, f.width) ?? []);
      cached = q(columns);
      metadataCache.set(key, cached);
    }
    return cached;
  };
  const collectionJson = (id: number): string => {
    let cached = collectionCache.get(id);
    if (cached === undefined) {
      if (collectionCache.size >= COLLECTION_CACHE_LIMIT) collectionCache.clear();
      cached = q(collections.ref(id));
      collectionCache.set(id, cached);
    }
    return cached;
  };

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
  const facts = (id: number): CardFacts => {
    const table = pick(catalog.tables, r(id, 7));
    const typeRoll = r(id, 8);
    const type = typeRoll < 0.75 ? 'question' : typeRoll < 0.9 ? 'model' : 'metric';
    return {
      id,
      creator: creatorOf(id),
      table,
      type,
      native: type !== 'metric' && r(id, 9) < 0.45,
      dateField: table.fields.find((f) => f.baseType.startsWith('type/Date')),
      width: r(id, 11) < 0.6 ? 1 : 2,
      collectionId: collectionId(id),
      archived: isArchived(id),
    };
  };

  const json = (id: number): string => {
    const f = facts(id);
    const { table, creator } = f;
    const aggregated = f.dateField !== undefined && (f.type === 'metric' || (!f.native && r(id, 10) < 0.12));
    let datasetQuery: string;
    if (f.native) {
      const cols = table.fields
        .slice(0, f.width)
        .map((c) => c.name)
        .join(', ');
      const tagged = r(id, 12) < 0.3;
      const sql = `SELECT ${cols} FROM ${String(table.record.schema)}.${table.name}${tagged ? ' WHERE {{filter}}' : ''} LIMIT 2000`;
      const tags = tagged
        ? `{"filter":{"type":"text","name":"filter","id":"${uuidFrom(seed, KIND, id)}","display-name":"Filter"}}`
        : '{}';
      datasetQuery = `{"database":${table.dbId},"type":"native","native":{"query":${q(sql)},"template-tags":${tags}}}`;
    } else if (aggregated && f.dateField !== undefined) {
      datasetQuery = `{"database":${table.dbId},"type":"query","query":{"source-table":${table.id},"aggregation":[["count"]],"breakout":[["field",${f.dateField.id},{"temporal-unit":"month"}]]}}`;
    } else {
      datasetQuery = `{"database":${table.dbId},"type":"query","query":{"source-table":${table.id},"limit":2000}}`;
    }
    const created = momentAt(r(id, 14) * 0.95, r(id, 15));
    const patch = overlay.cards.get(id);
    const generatedUpdate = laterThan(created, r(id, 16), 30);
    const updated = patch?.updatedMs ?? generatedUpdate;
    const editor = patch?.editorId ?? (r(id, 17) < 0.7 ? creator.id : pick(users, r(id, 18)).id);
    const display = aggregated
      ? pick(['line', 'bar', 'area', 'combo'], r(id, 19))
      : f.native
        ? 'table'
        : pick(DISPLAYS, r(id, 20));
    const description =
      patch?.revision !== undefined
        ? `Edited (revision ${patch.revision}).`
        : r(id, 21) < 0.5
          ? null
          : pick(DESCRIPTIONS, r(id, 22));
    const position = r(id, 24) < 0.05 ? between(r(id, 25), 1, 5) : null;
    // Metabase leaves result_metadata null when it could not run a native query at save time.
    const metadata = f.native && r(id, 27) < 0.15 ? 'null' : metadataJson(f, aggregated);
    const viz = aggregated
      ? `{"graph.dimensions":[${q(f.dateField?.name ?? 'date')}],"graph.metrics":["count"]}`
      : '{}';
    const archivedDirectly = f.archived && (patch?.archived === true || r(id, 3) < 0.04);
    const noParameters = ctx.realData && r(id, 28) < 0.15 ? 'null' : '[]';
    const typeField = ctx.rules.cardType ? `"type":"${f.type}",` : '';
    const datasetField = ctx.rules.cardDataset ? `"dataset":${f.type === 'model'},` : '';
    // `dataset` is deprecated since 0.49 in favour of `type`; versions send one or both (see versions.ts).
    return (
      `{"description":${q(description)},"archived":${f.archived},"view_count":${between(r(id, 23), 0, 5000)},` +
      `"collection_position":${position},"source_card_id":null,"table_id":${f.native ? null : table.id},"result_metadata":${metadata},` +
      `"creator":${creatorJson[creator.id - 1] ?? 'null'},"initially_published_at":null,"can_write":true,"database_id":${table.dbId},` +
      `"enable_embedding":false,"collection_id":${f.collectionId},"query_type":"${f.native ? 'native' : 'query'}","name":${q(name(id))},` +
      `"last_used_at":"${iso(laterThan(generatedUpdate, r(id, 26), 20))}",${typeField}"creator_id":${creator.id},"moderation_reviews":[],` +
      `"updated_at":"${iso(updated)}","made_public_by_id":null,"embedding_params":null,"cache_ttl":null,"dataset_query":${datasetQuery},` +
      `"id":${id},"parameter_mappings":${noParameters},"display":"${display}","entity_id":${q(nanoId(seed, KIND, id))},"collection_preview":true,` +
      `"last-edit-info":${editPrefix[editor - 1] ?? '{"timestamp":'}"${iso(updated)}"},"visualization_settings":${viz},` +
      `"collection":${f.collectionId === null ? 'null' : collectionJson(f.collectionId)},"metabase_version":"${ctx.rules.tag}",` +
      `"parameters":${noParameters},${datasetField}"created_at":"${iso(created)}","public_uuid":null,"archived_directly":${archivedDirectly}}`
    );
  };

  let sorted: Int32Array | undefined;
  return {
    count,
    exists: (id) => Number.isInteger(id) && id >= 1 && id <= count,
    isArchived,
    collectionId,
    name,
    facts,
    json,
    record: (id) => JSON.parse(json(id)) as JsonRecord,
    order: () => {
      sorted ??= sortIdsByName(count, name);
      return sorted;
    },
  };
}
