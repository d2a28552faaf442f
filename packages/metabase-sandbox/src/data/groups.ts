// Permission groups: All Users (1), Administrators (2), then team groups.
import { nanoId } from '../prng.js';
import type { JsonRecord } from '../types.js';
import type { UserModel } from './users.js';
import { TEAMS } from './words.js';

export interface GroupModel {
  id: number;
  name: string;
  magic: string | null;
}

export function teamGroupCount(scale: number): number {
  return Math.min(TEAMS.length, 2 + Math.floor(scale / 10));
}

export function buildGroups(scale: number): GroupModel[] {
  const groups: GroupModel[] = [
    { id: 1, name: 'All Users', magic: 'all-internal-users' },
    { id: 2, name: 'Administrators', magic: 'admin' },
  ];
  for (let t = 0; t < teamGroupCount(scale); t++)
    groups.push({ id: 3 + t, name: TEAMS[t] ?? `Team ${t}`, magic: null });
  return groups;
}

/**
 * GET /api/permissions/group rows, ordered by lower(name). `member_count` counts active members
 * (API-key users included); `magic_group_type` appears in newer versions (UNVERIFIED for 0.50).
 */
export function groupRecords(seed: number, groups: readonly GroupModel[], members: readonly UserModel[]): JsonRecord[] {
  return groups
    .map((g) => ({
      id: g.id,
      entity_id: nanoId(seed, 71, g.id),
      name: g.name,
      magic_group_type: g.magic,
      member_count: members.filter((u) => u.active && u.groupIds.includes(g.id)).length,
    }))
    .sort((a, b) =>
      a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : a.id - b.id,
    );
}
