// Collections: ids 1..P are the personal collections of personal users (id = user id), then the
// regular collections (placed by a layout, see collection-layout.ts), then the Trash (Metabase 0.50).
// Every record is computed from its id.
import { nanoId, pick, unit } from '../prng.js';
import type { JsonRecord } from '../types.js';
import type { CollectionLayout } from './collection-layout.js';
import { sortIdsByName } from './sort-ids-by-name.js';
import { iso, momentAt } from './time.js';
import { commonName, type UserModel } from './users.js';
import { DESCRIPTIONS } from './words.js';

const KIND = 41;

/** GET /api/collection's first row (exact shape from Metabase's root-collection model). */
export const ROOT_COLLECTION: JsonRecord = {
  name: 'Our analytics',
  id: 'root',
  namespace: null,
  is_personal: false,
  authority_level: null,
  can_write: true,
};

export interface CollectionSpace {
  personalCount: number;
  regularCount: number;
  trashId: number;
  exists: (id: number) => boolean;
  isArchived: (id: number) => boolean;
  /** A user's personal collection itself (not one inside it). */
  isPersonal: (id: number) => boolean;
  /** The user whose personal collection holds this one (or is this one); null for shared collections. */
  ownerOf: (id: number) => number | null;
  name: (id: number) => string;
  /** The GET /api/collection row. */
  record: (id: number) => JsonRecord;
  /** The `collection` object hydrated into cards and dashboards. */
  ref: (id: number) => JsonRecord;
  /** Ids sorted like GET /api/collection (lower(name), id), without the Trash. */
  order: () => Int32Array;
  /** A non-personal, non-archived-by-choice place for a new item, from a unit float; null = root. */
  pickHolder: (u: number, personalId: number | null) => number | null;
}

function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function createCollectionSpace(
  seed: number,
  users: readonly UserModel[],
  layout: CollectionLayout,
): CollectionSpace {
  const { personalCount, regularCount, trashId, parentOf, ownArchived } = layout;
  const r = (id: number, k: number): number => unit(seed, KIND, id, k);
  const isRegular = (id: number): boolean => id > personalCount && id < trashId;

  const isArchived = (id: number): boolean => {
    for (let cur: number | null = id; cur !== null; cur = parentOf(cur)) if (ownArchived(cur)) return true;
    return false;
  };
  const location = (id: number): string => {
    let loc = '/';
    for (let p = parentOf(id); p !== null; p = parentOf(p)) loc = `/${p}${loc}`;
    return loc;
  };
  const name = (id: number): string => {
    if (id === trashId) return 'Trash';
    const owner = users[id - 1];
    if (!isRegular(id) && owner !== undefined) return `${commonName(owner)}'s Personal Collection`;
    return layout.regularName(id);
  };

  const ref = (id: number): JsonRecord => {
    const personal = !isRegular(id) && id !== trashId;
    const archived = isArchived(id);
    const n = name(id);
    return {
      authority_level: null,
      description: personal || r(id, 7) < 0.6 ? null : pick(DESCRIPTIONS, r(id, 8)),
      archived,
      slug: slugify(n),
      // `color` was dropped by Metabase (~0.46) but the official connector schema declares it: kept as null.
      color: null,
      name: n,
      personal_owner_id: personal ? id : null,
      type: id === trashId ? 'trash' : null,
      is_sample: false,
      id,
      archived_directly: archived ? ownArchived(id) : null,
      entity_id: nanoId(seed, KIND, id),
      location: location(id),
      namespace: null,
      created_at: iso(momentAt(personal ? (0.001 * id) / personalCount : r(id, 9) * 0.8, r(id, 10))),
    };
  };

  let sorted: Int32Array | undefined;
  const order = (): Int32Array => {
    if (sorted !== undefined) return sorted;
    sorted = sortIdsByName(trashId - 1, name);
    return sorted;
  };

  return {
    personalCount,
    regularCount,
    trashId,
    exists: (id) => Number.isInteger(id) && id >= 1 && id <= trashId,
    isArchived,
    isPersonal: (id) => id >= 1 && id <= personalCount,
    ownerOf: layout.ownerOf,
    name,
    ref,
    record: (id) => {
      const base = ref(id);
      return {
        ...base,
        is_personal: layout.ownerOf(id) !== null,
        can_write: true,
        can_delete: false,
        can_restore: base.archived === true && id !== trashId,
        parent_id: parentOf(id),
      };
    },
    order,
    pickHolder: layout.pickHolder,
  };
}
