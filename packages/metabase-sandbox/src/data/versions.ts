// What differs between the Metabase versions the sandbox imitates (facts from Metabase's API changelog, code and
// issues; see the README's "Versions" table).
import type { AppDatabase, MetabaseVersion } from '../types.js';

export const METABASE_VERSIONS: readonly MetabaseVersion[] = [
  '0.46',
  '0.47',
  '0.48',
  '0.49',
  '0.50',
  '0.51',
  '0.52',
  'latest',
];
export const APP_DATABASES: readonly AppDatabase[] = ['postgres', 'h2', 'mysql'];

export interface VersionRules {
  version: MetabaseVersion;
  /** `version.tag` of GET /api/session/properties and cards' `metabase_version`. */
  tag: string;
  /** X-API-Key is understood (0.49+); before, a key is ignored and the request is anonymous (401). */
  apiKeys: boolean;
  /** Where a dashboard detail lists its cards and tabs (renamed in 0.48; no tabs before 0.47). */
  dashcardsKey: 'dashcards' | 'ordered_cards';
  tabsKey: 'tabs' | 'ordered_tabs' | undefined;
  /** Cards carry `type` (0.49+) and/or the boolean `dataset` (deprecated in 0.49). */
  cardType: boolean;
  cardDataset: boolean;
  /** GET /api/user orders by lower(first_name), lower(last_name) and then id; 0.47 and 0.48 had no tie break. */
  userTieBreak: boolean;
  /** GET /api/dashboard/:id records a view that also moves the dashboard's updated_at (0.51-0.52, metabase#53687). */
  viewMovesUpdatedAt: boolean;
  /** The Trash collection (0.50+). */
  trash: boolean;
}

const TAGS: Record<MetabaseVersion, string> = {
  '0.46': 'v0.46.6',
  '0.47': 'v0.47.14',
  '0.48': 'v0.48.13',
  '0.49': 'v0.49.25',
  '0.50': 'v0.50.36',
  '0.51': 'v0.51.14',
  '0.52': 'v0.52.11',
  latest: 'v0.56.10',
};

export function versionRules(version: MetabaseVersion): VersionRules {
  const minor = version === 'latest' ? 56 : Number(version.slice(2));
  return {
    version,
    tag: TAGS[version],
    apiKeys: minor >= 49,
    dashcardsKey: minor >= 48 ? 'dashcards' : 'ordered_cards',
    tabsKey: minor >= 48 ? 'tabs' : minor === 47 ? 'ordered_tabs' : undefined,
    cardType: minor >= 49,
    // The sandbox's choice for `latest`: `type` alone (whether current releases still send `dataset` is unverified).
    cardDataset: minor <= 52,
    userTieBreak: minor !== 47 && minor !== 48,
    viewMovesUpdatedAt: minor === 51 || minor === 52,
    trash: minor >= 50,
  };
}

/** A dashboard detail with its cards and tabs under the keys of this version. */
export function versionedDashboard(detail: Record<string, unknown>, rules: VersionRules): Record<string, unknown> {
  if (rules.dashcardsKey === 'dashcards' && rules.tabsKey === 'tabs') return detail;
  const { dashcards, tabs, ...rest } = detail;
  if (rules.tabsKey !== undefined) return { ...rest, [rules.dashcardsKey]: dashcards, [rules.tabsKey]: tabs };
  // Before tabs (0.46) dashcards had no tab either.
  const untabbed = Array.isArray(dashcards)
    ? dashcards.map((card: Record<string, unknown>) => {
        const { dashboard_tab_id: _tab, ...cardRest } = card;
        return cardRest;
      })
    : dashcards;
  return { ...rest, [rules.dashcardsKey]: untabbed };
}
