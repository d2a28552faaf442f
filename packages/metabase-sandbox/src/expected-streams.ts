// What each stream of the Metabase source connector should hold when it reads this sandbox as an administrator, in
// the order it emits them: the sandbox's own answers, gathered the way the connector walks them. For the tests of
// the connector and its CLI, which should not each keep their own copy.
import type { JsonRecord, Sandbox } from './types.js';

export interface ExpectedStreamsOptions {
  /** `include_deactivated_users`: deactivated users too (default false). */
  includeDeactivatedUsers?: boolean;
}

export function expectedStreams(
  sandbox: Pick<Sandbox, 'expected'>,
  options: ExpectedStreamsOptions = {},
): Record<string, JsonRecord[]> {
  const { expected } = sandbox;
  const collections = expected.collections();
  const items = collections.flatMap((collection) => expected.collectionItems(collection.id as number | 'root'));
  const dashboards = items
    .map((item) => expected.dashboard(item.id as number))
    .filter((d): d is JsonRecord => d !== undefined);
  // Cards are `dashcards` from 0.48, `ordered_cards` before; the connector fills a missing dashboard_id.
  const cardsOf = (dashboard: JsonRecord): JsonRecord[] =>
    (dashboard.dashcards ?? dashboard.ordered_cards ?? []) as JsonRecord[];
  return {
    cards: expected.cards(),
    collections,
    dashboards,
    collections_items_dashboards: items,
    users: expected.users().filter((user) => options.includeDeactivatedUsers === true || user.is_active === true),
    databases: expected.databases(),
    native_query_snippets: expected.nativeQuerySnippets(),
    tables: expected.tables(),
    segments: expected.segments(),
    permission_groups: expected.permissionGroups(),
    alerts: expected.alerts(),
    dashboard_cards: dashboards.flatMap((dashboard) =>
      cardsOf(dashboard).map((card) => ({ ...card, dashboard_id: card.dashboard_id ?? dashboard.id })),
    ),
  };
}
