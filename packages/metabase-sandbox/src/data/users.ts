// Users of the imaginary instance: the fixed logins first, then generated people, then the hidden
// users Metabase creates behind each API key (type "api-key", never listed by GET /api/user).
import { between, hash32, pick, unit } from '../prng.js';
import type { SandboxLogin } from '../types.js';
import { iso, laterThan, momentAt } from './time.js';
import { FIRST_NAMES, LAST_NAMES } from './words.js';

export interface UserModel {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string;
  password: string | null;
  superuser: boolean;
  active: boolean;
  type: 'personal' | 'api-key';
  /** Group ids, All Users (1) first. */
  groupIds: number[];
  dateJoinedMs: number;
  lastLoginMs: number | null;
  updatedMs: number;
  qbnewb: boolean;
  /** Groups this user manages (Enterprise group managers); absent for everyone else. */
  managedGroupIds?: number[];
}

export const ALL_USERS_GROUP_ID = 1;
export const ADMIN_GROUP_ID = 2;

export const DEFAULT_LOGINS = {
  admin: { username: 'admin@example.com', password: 'Sandbox-Admin-Pass-1' },
  user: { username: 'analyst@example.com', password: 'Sandbox-User-Pass-1' },
  deactivated: { username: 'former.employee@example.com', password: 'Sandbox-Former-Pass-1' },
  groupManager: { username: 'group.manager@example.com', password: 'Sandbox-Manager-Pass-1' },
} as const;

const KIND_USER = 11;

function fixedUser(
  id: number,
  first: string,
  last: string,
  login: SandboxLogin,
  superuser: boolean,
  active: boolean,
): UserModel {
  const joined = momentAt(0.001 * id, id / 7);
  return {
    id,
    firstName: first,
    lastName: last,
    email: login.username,
    password: login.password,
    superuser,
    active,
    type: 'personal',
    groupIds: superuser ? [ALL_USERS_GROUP_ID, ADMIN_GROUP_ID] : [ALL_USERS_GROUP_ID],
    dateJoinedMs: joined,
    lastLoginMs: active ? momentAt(0.98, id) : momentAt(0.4, id),
    updatedMs: momentAt(0.98, id),
    qbnewb: false,
  };
}

function generatedUser(seed: number, id: number, teamGroupIds: readonly number[]): UserModel {
  const r = (k: number): number => unit(seed, KIND_USER, id, k);
  const first = pick(FIRST_NAMES, r(1));
  const last = pick(LAST_NAMES, r(2));
  const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  const superuser = r(3) < 0.05;
  const active = r(4) >= 0.1;
  const joined = momentAt(r(5) * 0.9, r(6));
  const lastLogin = r(7) < 0.08 ? null : laterThan(joined, r(8), 60);
  const groups = [ALL_USERS_GROUP_ID];
  if (superuser) groups.push(ADMIN_GROUP_ID);
  const teams = between(r(9), 0, Math.min(2, teamGroupIds.length));
  for (let t = 0; t < teams; t++) {
    const g = pick(teamGroupIds, unit(seed, KIND_USER, id, 20 + t));
    if (!groups.includes(g)) groups.push(g);
  }
  return {
    id,
    firstName: r(10) < 0.02 ? null : first,
    lastName: r(11) < 0.02 ? null : last,
    email: `${local}${id}@example.com`,
    password: null,
    superuser,
    active,
    type: 'personal',
    groupIds: groups.sort((a, b) => a - b),
    dateJoinedMs: joined,
    lastLoginMs: lastLogin,
    updatedMs: Math.max(joined, lastLogin ?? joined),
    qbnewb: r(12) < 0.3,
  };
}

/** Personal users: 3 fixed logins, `generated` people, then the extra logins. */
export function buildUsers(
  seed: number,
  generated: number,
  extra: readonly SandboxLogin[],
  teamGroupIds: readonly number[],
): UserModel[] {
  const users: UserModel[] = [
    fixedUser(1, 'Sandbox', 'Admin', DEFAULT_LOGINS.admin, true, true),
    fixedUser(2, 'Ana', 'Lyst', DEFAULT_LOGINS.user, false, true),
    fixedUser(3, 'Former', 'Employee', DEFAULT_LOGINS.deactivated, false, false),
  ];
  for (let i = 0; i < generated; i++) users.push(generatedUser(seed, users.length + 1, teamGroupIds));
  for (const login of extra) {
    const id = users.length + 1;
    const local = login.username.split('@')[0] ?? login.username;
    users.push({ ...fixedUser(id, local, 'Extra', login, false, true), firstName: local });
  }
  return users;
}

/** A non-admin login who manages `groupId` (appended after every other user, so the others keep their ids). */
export function groupManagerUser(id: number, groupId: number): UserModel {
  const user = fixedUser(id, 'Grace', 'Manager', DEFAULT_LOGINS.groupManager, false, true);
  return { ...user, groupIds: [ALL_USERS_GROUP_ID, groupId], managedGroupIds: [groupId] };
}

/**
 * Real instances have people with the same name (and people without one): about a third of the generated users
 * take the name of the user before them. Ids, e-mails and everything else stay as they were.
 */
export function withSharedNames(seed: number, users: readonly UserModel[]): UserModel[] {
  return users.map((user, i) => {
    const previous = users[i - 1];
    const generated = user.password === null && user.type === 'personal';
    if (!generated || previous?.password !== null || unit(seed, KIND_USER, user.id, 30) >= 0.35) return user;
    return { ...user, firstName: previous.firstName, lastName: previous.lastName };
  });
}

/** The hidden user behind an API key, plus the key itself (mb_ + base64 of 32 bytes, 47 chars). */
export function apiKeyUser(seed: number, id: number, name: string, groupId: number): { user: UserModel; key: string } {
  const bytes = Buffer.alloc(32);
  for (let i = 0; i < 8; i++) bytes.writeUInt32BE(hash32(seed, 77, id, i), i * 4);
  const hex = hash32(seed, 78, id).toString(16).padStart(8, '0');
  const created = momentAt(0.5, id);
  const user: UserModel = {
    id,
    firstName: name,
    lastName: '',
    email: `api-key-user-${hex}-${id}@api-key.invalid`,
    password: null,
    superuser: groupId === ADMIN_GROUP_ID,
    active: true,
    type: 'api-key',
    groupIds: groupId === ALL_USERS_GROUP_ID ? [ALL_USERS_GROUP_ID] : [ALL_USERS_GROUP_ID, groupId],
    dateJoinedMs: created,
    lastLoginMs: null,
    updatedMs: created,
    qbnewb: true,
  };
  return { user, key: `mb_${bytes.toString('base64')}` };
}

export function commonName(u: UserModel): string {
  if (u.firstName === null && u.lastName === null) return u.email;
  return [u.firstName, u.lastName].filter((part) => part !== null && part !== '').join(' ');
}

/** The `creator` hydration shape (UserInfo). */
export function userInfo(u: UserModel): Record<string, unknown> {
  return {
    email: u.email,
    first_name: u.firstName,
    last_login: u.lastLoginMs === null ? null : iso(u.lastLoginMs),
    is_qbnewb: u.qbnewb,
    is_superuser: u.superuser,
    id: u.id,
    last_name: u.lastName,
    date_joined: iso(u.dateJoinedMs),
    common_name: commonName(u),
  };
}

/** The `last-edit-info` shape. */
export function lastEditInfo(u: UserModel, atMs: number): Record<string, unknown> {
  return { id: u.id, email: u.email, first_name: u.firstName, last_name: u.lastName, timestamp: iso(atMs) };
}
