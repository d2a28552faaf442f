// Dashboards: generated ids 1..count, then those added by `mutate.addDashboard`. Details carry
// dashcards (with their cards hydrated) and tabs, like GET /api/dashboard/:id in 0.50.
import { between, hash32, nanoId, pick, unit } from '../prng.js';
import type { JsonRecord } from '../types.js';
import { sortIdsByName } from './sort-ids-by-name.js';
import type { CardSource } from './cards.js';
import { ROOT_COLLECTION, type CollectionSpace } from './collections.js';
import type { AddedDashboard, Overlay } from './overlay.js';
import { iso, laterThan, momentAt } from './time.js';
import { lastEditInfo, userInfo, type UserModel } from './users.js';
import { DESCRIPTIONS, QUALIFIERS, TOPICS } from './words.js';

const KIND = 61;

export interface DashboardSource {
  /** Generated + added. */
  count: () => number;
  exists: (id: number) => boolean;
  isArchived: (id: number) => boolean;
  collectionId: (id: number) => number | null;
  name: (id: number) => string;
  /** GET /api/dashboard/:id. */
  detail: (id: number) => JsonRecord;
  /** GET /api/dashboard row (no dashcards, hydrated creator). */
  listRow: (id: number) => JsonRecord;
  /** GET /api/collection/:id/items row with model "dashboard". */
  itemRow: (id: number) => JsonRecord;
  order: () => Int32Array;
}

/**
 * `realData`: some dashboards have null `parameters` and some dashcards null `parameter_mappings`, as objects saved
 * by older versions do.
 */
export function createDashboardSource(
  seed: number,
  scale: number,
  users: readonly UserModel[],
  collections: CollectionSpace,
  cards: CardSource,
  overlay: Overlay,
  realData = false,
): DashboardSource {
  const generated = Math.max(4, Math.round(8 * scale));
  const r = (id: number, k: number): number => unit(seed, KIND, id, k);
  const added = (id: number): AddedDashboard | undefined => overlay.dashboards[id - generated - 1];
  const creatorOf = (id: number): UserModel =>
    (added(id) !== undefined ? users[0] : undefined) ?? pick(users, r(id, 1) * r(id, 1));
  const collectionId = (id: number): number | null => {
    const extra = added(id);
    if (extra !== undefined) return extra.collectionId;
    const creator = creatorOf(id);
    return collections.pickHolder(r(id, 2), creator.type === 'personal' && creator.active ? creator.id : null);
  };
  const isArchived = (id: number): boolean => {
    if (added(id) !== undefined) return false;
    const coll = collectionId(id);
    return r(id, 3) < 0.03 || (coll !== null && collections.isArchived(coll));
  };
  const name = (id: number): string =>
    added(id)?.name ?? `${pick(TOPICS, r(id, 4))} ${r(id, 5) < 0.5 ? 'Overview' : pick(QUALIFIERS, r(id, 6))}`;
  const times = (id: number): { created: number; updated: number; edited: number } => {
    const extra = added(id);
    const created = extra?.createdMs ?? momentAt(r(id, 7) * 0.95, r(id, 8));
    const edit = overlay.dashboardEdits.get(id);
    const written = edit?.updatedMs ?? (extra === undefined ? laterThan(created, r(id, 9), 45) : created);
    const viewed = overlay.dashboardViews.get(id);
    const updated = viewed === undefined ? written : Math.max(written, viewed);
    return { created, updated, edited: edit?.editedMs ?? written };
  };

  const base = (id: number): JsonRecord => {
    const creator = creatorOf(id);
    const { created, updated, edited } = times(id);
    const isAdded = added(id) !== undefined;
    const paramCount = isAdded ? 0 : between(r(id, 10), 0, 2);
    const parameters = [];
    if (paramCount > 0)
      parameters.push({
        name: 'Date Filter',
        slug: 'date_filter',
        id: hash32(seed, KIND, id, 1).toString(16).padStart(8, '0'),
        type: 'date/all-options',
        sectionId: 'date',
      });
    if (paramCount > 1)
      parameters.push({
        name: 'Category',
        slug: 'category',
        id: hash32(seed, KIND, id, 2).toString(16).padStart(8, '0'),
        type: 'string/=',
        sectionId: 'string',
        default: ['Widget'],
      });
    return {
      description: isAdded || r(id, 11) < 0.5 ? null : pick(DESCRIPTIONS, r(id, 12)),
      archived: isArchived(id),
      collection_position: null,
      initially_published_at: null,
      can_write: true,
      enable_embedding: false,
      collection_id: collectionId(id),
      show_in_getting_started: false,
      name: name(id),
      width: 'fixed',
      caveats: null,
      creator_id: creator.id,
      updated_at: iso(updated),
      made_public_by_id: null,
      embedding_params: null,
      cache_ttl: null,
      id,
      position: null,
      entity_id: nanoId(seed, KIND, id),
      'last-edit-info': lastEditInfo(creator, edited),
      parameters: realData && paramCount === 0 && r(id, 14) < 0.3 ? null : parameters,
      auto_apply_filters: true,
      created_at: iso(created),
      public_uuid: null,
      points_of_interest: null,
      archived_directly: r(id, 3) < 0.03 && !isAdded,
      view_count: isAdded ? 0 : between(r(id, 13), 0, 3000),
    };
  };

  const detail = (id: number): JsonRecord => {
    const row = base(id);
    const isAdded = added(id) !== undefined;
    const tabCount = isAdded || r(id, 20) < 0.7 ? 0 : between(r(id, 21), 2, 3);
    const tabs = Array.from({ length: tabCount }, (_, t) => ({
      id: id * 4 + t,
      dashboard_id: id,
      name: t === 0 ? 'Overview' : `Tab ${t + 1}`,
      position: t,
      entity_id: nanoId(seed, KIND + 1, id * 4 + t),
      created_at: row.created_at,
      updated_at: row.updated_at,
    }));
    const cardCount = isAdded ? 0 : between(r(id, 22), 0, 8);
    const dashcards = Array.from({ length: cardCount }, (_, j) => {
      const virtual = r(id, 30 + j) < 0.12;
      const cardId = 1 + Math.floor(r(id, 40 + j) * cards.count);
      const tab = tabs[j % Math.max(1, tabCount)];
      return {
        size_x: virtual ? 24 : pick([6, 8, 12, 24], r(id, 50 + j)),
        dashboard_tab_id: tab?.id ?? null,
        series: [],
        action_id: null,
        collection_authority_level: null,
        card: virtual ? { query_average_duration: null } : { ...cards.record(cardId), query_average_duration: null },
        updated_at: (row['last-edit-info'] as JsonRecord).timestamp,
        col: (j % 2) * 12,
        id: id * 10 + j,
        parameter_mappings: realData && r(id, 60 + j) < 0.2 ? null : [],
        card_id: virtual ? null : cardId,
        entity_id: nanoId(seed, KIND + 2, id * 10 + j),
        visualization_settings: virtual
          ? {
              virtual_card: {
                name: null,
                display: 'text',
                visualization_settings: {},
                dataset_query: {},
                archived: false,
              },
              text: `## ${String(row.name)}`,
            }
          : {},
        size_y: virtual ? 2 : 6,
        dashboard_id: id,
        created_at: row.created_at,
        row: Math.floor(j / 2) * 6,
      };
    });
    const collId = collectionId(id);
    return {
      ...row,
      dashcards,
      tabs,
      param_values: null,
      param_fields: null,
      collection_authority_level: null,
      can_restore: false,
      can_delete: false,
      moderation_reviews: [],
      last_used_param_values: {},
      collection:
        collId === null
          ? { ...ROOT_COLLECTION, effective_ancestors: [] }
          : { ...collections.ref(collId), can_write: true, effective_ancestors: [] },
    };
  };

  let sorted: { version: number; ids: Int32Array } | undefined;
  return {
    count: () => generated + overlay.dashboards.length,
    exists: (id) => Number.isInteger(id) && id >= 1 && id <= generated + overlay.dashboards.length,
    isArchived,
    collectionId,
    name,
    detail,
    listRow: (id) => ({ ...base(id), creator: userInfo(creatorOf(id)) }),
    itemRow: (id) => {
      const row = base(id);
      return {
        description: row.description,
        collection_position: null,
        collection_preview: true,
        name: row.name,
        id,
        entity_id: row.entity_id,
        archived: row.archived,
        model: 'dashboard',
        'last-edit-info': row['last-edit-info'],
        moderated_status: null,
        can_write: true,
        can_restore: false,
        can_delete: false,
        fully_parameterized: null,
      };
    },
    order: () => {
      if (sorted?.version === overlay.version) return sorted.ids;
      const total = generated + overlay.dashboards.length;
      sorted = { version: overlay.version, ids: sortIdsByName(total, name) };
      return sorted.ids;
    },
  };
}
