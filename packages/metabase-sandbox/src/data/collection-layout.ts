// Where collections sit: which ids are personal collections, which are shared, who owns what and which parent
// each has. Two shapes (see shape.ts); records are built from a layout by collections.ts.
import { between, pick, unit } from '../prng.js';
import { AREAS, TEAMS } from './words.js';

export interface CollectionLayout {
  /** Ids 1..personalCount are the users' personal collections (id = user id). */
  personalCount: number;
  /** Ids after the personal ones, up to the Trash: shared collections and collections inside personal ones. */
  regularCount: number;
  trashId: number;
  parentOf: (id: number) => number | null;
  /** The user whose personal collection holds this one (or is this one); null for shared collections. */
  ownerOf: (id: number) => number | null;
  /** Archived itself (not through a parent). */
  ownArchived: (id: number) => boolean;
  /** Name of a regular (non-personal, non-Trash) collection. */
  regularName: (id: number) => string;
  /** A home for a new card or dashboard, from a unit float; personalId: its creator's personal collection. */
  pickHolder: (u: number, personalId: number | null) => number | null;
}

const KIND = 41;

function sharedName(seed: number, id: number, k: number): string {
  if (k < TEAMS.length) return TEAMS[k] ?? 'Team';
  const base = `${pick(TEAMS, unit(seed, KIND, id, 4))} ${pick(AREAS, unit(seed, KIND, id, 5))}`;
  return k < TEAMS.length * 4 ? base : `${base} ${between(unit(seed, KIND, id, 6), 2, 99)}`;
}

/**
 * 27 collections per unit of scale, few users: personal collections hold nothing but their owners' items, and
 * items spread evenly over many shared collections, a third of them at the top level.
 */
export function evenLayout(seed: number, scale: number, personalCount: number): CollectionLayout {
  const regularCount = Math.max(6, Math.round(27 * scale) - personalCount);
  const trashId = personalCount + regularCount + 1;
  const r = (id: number, k: number): number => unit(seed, KIND, id, k);
  const isRegular = (id: number): boolean => id > personalCount && id < trashId;
  const parentOf = (id: number): number | null => {
    const k = id - personalCount - 1;
    if (!isRegular(id) || k < TEAMS.length || r(id, 1) < 0.35) return null;
    return personalCount + 1 + Math.floor(r(id, 2) * k);
  };
  return {
    personalCount,
    regularCount,
    trashId,
    parentOf,
    ownerOf: (id) => (id >= 1 && id <= personalCount ? id : null),
    ownArchived: (id) => isRegular(id) && id - personalCount > TEAMS.length && r(id, 3) < 0.03,
    regularName: (id) => sharedName(seed, id, id - personalCount - 1),
    pickHolder: (u, personalId) => {
      if (u < 0.25) return null;
      if (u < 0.35 && personalId !== null) return personalId;
      const f = u < 0.35 ? (u - 0.25) / 0.1 : (u - 0.35) / 0.65;
      return personalCount + 1 + Math.floor(f * regularCount);
    },
  };
}
