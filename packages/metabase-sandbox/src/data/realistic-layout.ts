// The shape of a real instance: every user has a personal collection (administrators list all of them), some
// users keep collections inside theirs, shared collections nest a few levels under a handful of team collections,
// and items gather in a few places, so most collections hold no dashboards at all.
import { between, pick, unit } from '../prng.js';
import type { CollectionLayout } from './collection-layout.js';
import { AREAS, TEAMS } from './words.js';

const KIND = 43;
/** Shared collections and collections inside personal ones, per unit of scale. */
const SHARED_PER_SCALE = 10;
const INSIDE_PERSONAL_PER_SCALE = 4;
/** Deepest nesting (levels below the top or below a personal collection). */
const MAX_DEPTH = 4;

export function realisticLayout(seed: number, scale: number, personalCount: number): CollectionLayout {
  const sharedTarget = Math.max(6, Math.round(SHARED_PER_SCALE * scale));
  const insideTarget = Math.max(2, Math.round(INSIDE_PERSONAL_PER_SCALE * scale));
  const regularCount = sharedTarget + insideTarget;
  const trashId = personalCount + regularCount + 1;
  const first = personalCount + 1;
  const r = (id: number, k: number): number => unit(seed, KIND, id, k);
  const teams = Math.min(TEAMS.length, Math.max(3, Math.round(sharedTarget / 4)));

  // Built once, 9 bytes per collection: parent (0 = top level or a personal collection), owner (0 = shared) and depth.
  const parent = new Int32Array(regularCount);
  const owner = new Int32Array(regularCount);
  const depth = new Uint8Array(regularCount);
  /** `candidate`, or its nearest ancestor shallow enough to take one more level; 0 = none. */
  const shallow = (candidate: number): number => {
    let p = candidate;
    while (p > 0 && (depth[p - first] ?? 0) >= MAX_DEPTH) p = parent[p - first] ?? 0;
    return p;
  };
  const shared: number[] = [];
  const inside: number[] = [];
  const insideByOwner = new Map<number, number[]>();
  for (let id = first; id < trashId; id++) {
    const k = id - first;
    if (k >= teams && r(id, 1) < insideTarget / regularCount) {
      const nested = inside.length > 0 && r(id, 2) < 0.3 ? shallow(pick(inside, r(id, 3))) : 0;
      const who = nested > 0 ? (owner[nested - first] ?? 0) : 1 + Math.floor(r(id, 4) * r(id, 4) * personalCount);
      parent[k] = nested > 0 ? nested : who;
      owner[k] = who;
      depth[k] = nested > 0 ? (depth[nested - first] ?? 0) + 1 : 1;
      inside.push(id);
      const list = insideByOwner.get(who);
      if (list === undefined) insideByOwner.set(who, [id]);
      else list.push(id);
    } else {
      const p = k < teams || r(id, 2) < 0.2 ? 0 : shallow(pick(shared, r(id, 3)));
      parent[k] = p;
      depth[k] = p > 0 ? (depth[p - first] ?? 0) + 1 : 1;
      shared.push(id);
    }
  }
  const isRegular = (id: number): boolean => id >= first && id < trashId;

  return {
    personalCount,
    regularCount,
    trashId,
    parentOf: (id) => (isRegular(id) ? parent[id - first] || null : null),
    ownerOf: (id) => (id >= 1 && id <= personalCount ? id : isRegular(id) ? owner[id - first] || null : null),
    ownArchived: (id) => isRegular(id) && id - first >= teams && r(id, 5) < 0.03,
    regularName: (id) => {
      const k = id - first;
      if ((owner[k] ?? 0) > 0)
        return r(id, 6) < 0.5 ? pick(AREAS, r(id, 7)) : `${pick(AREAS, r(id, 7))} ${between(r(id, 8), 2, 9)}`;
      if (k < teams) return TEAMS[k] ?? 'Team';
      const base = `${pick(TEAMS, r(id, 9))} ${pick(AREAS, r(id, 10))}`;
      return r(id, 11) < 0.5 ? base : `${base} ${between(r(id, 12), 2, 99)}`;
    },
    pickHolder: (u, personalId) => {
      if (u < 0.1) return null;
      if (u < 0.3 && personalId !== null) {
        const mine = insideByOwner.get(personalId);
        const f = (u - 0.1) / 0.2;
        return mine === undefined || f < 0.5 ? personalId : pick(mine, (f - 0.5) * 2);
      }
      // Items gather in the oldest shared collections: the first tenth holds about half of them.
      const f = u < 0.3 ? (u - 0.1) / 0.2 : (u - 0.3) / 0.7;
      return pick(shared, f * f * f);
    },
  };
}
