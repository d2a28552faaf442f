// The whole imaginary instance: small things are built once, big things (cards, collections,
// dashboards) are computed per id on demand. Same seed and options => identical data.
import type { MetabaseVersion, SandboxLogin, SandboxShape } from '../types.js';
import { buildAlerts } from './alerts.js';
import { buildCatalog, type Catalog } from './catalog.js';
import { createCardSource, type CardSource } from './cards.js';
import { createCollectionSpace, type CollectionSpace } from './collections.js';
import { createDashboardSource, type DashboardSource } from './dashboards.js';
import { buildGroups, groupRecords, type GroupModel } from './groups.js';
import { createOverlay, type Overlay } from './overlay.js';
import { SHAPES } from './shape.js';
import { buildSegments } from './segments.js';
import { buildSnippets } from './snippets.js';
import {
  ADMIN_GROUP_ID,
  ALL_USERS_GROUP_ID,
  apiKeyUser,
  buildUsers,
  groupManagerUser,
  withSharedNames,
  type UserModel,
} from './users.js';
import { versionRules, type VersionRules } from './versions.js';
import type { JsonRecord } from '../types.js';

export interface World {
  seed: number;
  scale: number;
  shape: SandboxShape;
  /** What the imitated Metabase version does differently. */
  rules: VersionRules;
  /** A version was chosen: records carry the nulls and shared names of real instances. */
  realData: boolean;
  /** false on an SSO-only instance: password logins are refused. */
  passwordLogin: boolean;
  /** Personal users ordered by id (id = index + 1). */
  users: UserModel[];
  /** Hidden users behind the two API keys. */
  apiKeyUsers: UserModel[];
  apiKeys: { admin: string; user: string };
  groups: GroupModel[];
  groupRecords: JsonRecord[];
  catalog: Catalog;
  collections: CollectionSpace;
  cards: CardSource;
  dashboards: DashboardSource;
  snippets: JsonRecord[];
  segments: JsonRecord[];
  alerts: JsonRecord[];
  overlay: Overlay;
  /** Any user (personal or API-key) by id. */
  userById(id: number): UserModel | undefined;
}

/** Variations of an instance beyond its size and shape. */
export interface WorldVariant {
  version?: MetabaseVersion | undefined;
  groupManager?: boolean | undefined;
  passwordLogin?: boolean | undefined;
}

export function createWorld(
  seed: number,
  scale: number,
  extraLogins: readonly SandboxLogin[],
  shape: SandboxShape = 'realistic',
  variant: WorldVariant = {},
): World {
  const rules = SHAPES[shape];
  const realData = variant.version !== undefined;
  const groups = buildGroups(scale);
  const teamIds = groups.filter((g) => g.id > ADMIN_GROUP_ID).map((g) => g.id);
  const built = buildUsers(seed, rules.generatedUsers(scale), extraLogins, teamIds);
  const users = realData ? withSharedNames(seed, built) : built;
  if (variant.groupManager === true) users.push(groupManagerUser(users.length + 1, teamIds[0] ?? ALL_USERS_GROUP_ID));
  const adminKey = apiKeyUser(seed, users.length + 1, 'Sync key (admin)', ADMIN_GROUP_ID);
  const userKey = apiKeyUser(seed, users.length + 2, 'Sync key (analyst)', teamIds[0] ?? ALL_USERS_GROUP_ID);
  const apiKeyUsers = [adminKey.user, userKey.user];
  const overlay = createOverlay();
  const catalog = buildCatalog(seed, scale);
  const collections = createCollectionSpace(seed, users, rules.layout(seed, scale, users.length));
  const versioned = versionRules(variant.version ?? '0.50');
  const cards = createCardSource({ seed, scale, users, catalog, collections, overlay, rules: versioned, realData });
  const dashboards = createDashboardSource(seed, scale, users, collections, cards, overlay, realData);
  return {
    seed,
    scale,
    shape,
    rules: versioned,
    realData,
    passwordLogin: variant.passwordLogin ?? true,
    users,
    apiKeyUsers,
    apiKeys: { admin: adminKey.key, user: userKey.key },
    groups,
    groupRecords: groupRecords(seed, groups, [...users, ...apiKeyUsers]),
    catalog,
    collections,
    cards,
    dashboards,
    snippets: buildSnippets(seed, scale, users),
    segments: buildSegments(seed, scale, catalog.tables, users),
    alerts: buildAlerts(seed, scale, cards, users),
    overlay,
    userById: (id) => users[id - 1] ?? apiKeyUsers.find((u) => u.id === id),
  };
}
