// Snippets, segments, alerts, permission groups, API keys, health and the 0.50 leftovers.
import { commonName } from '../data/users.js';
import type { World } from '../data/world.js';
import type { JsonRecord } from '../types.js';
import { FORBIDDEN, jsonReply, NO_ENDPOINT, NOT_FOUND } from '../server/reply.js';
import { boolParam, defineRoute, isReply, page, parsePaging, positiveId, type Route } from '../server/route.js';

function byId(rows: readonly JsonRecord[], id: number): JsonRecord | undefined {
  return rows.find((r) => r.id === id);
}

function detailRoute(path: string, rows: readonly JsonRecord[], access: 'user' | 'admin' = 'user'): Route {
  return defineRoute('GET', path, access, (ctx) => {
    const id = positiveId(ctx);
    if (isReply(id)) return id;
    const row = byId(rows, id);
    return row === undefined ? NOT_FOUND() : jsonReply(row);
  });
}

export function miscRoutes(world: World): Route[] {
  const groupsWithMembers = world.groupRecords.map((g) => ({
    ...g,
    members: world.users
      .filter((u) => u.active && u.groupIds.includes(Number(g.id)))
      .map((u) => ({
        membership_id: u.id * 100 + Number(g.id),
        group_id: g.id,
        user_id: u.id,
        email: u.email,
        first_name: u.firstName,
        last_name: u.lastName,
        common_name: commonName(u),
        is_group_manager: u.managedGroupIds?.includes(Number(g.id)) === true,
        is_superuser: u.superuser,
      })),
  }));
  const apiKeys = world.apiKeyUsers.map((u, i) => ({
    id: i + 1,
    name: u.firstName,
    user_id: u.id,
    masked_key: `${(i === 0 ? world.apiKeys.admin : world.apiKeys.user).slice(0, 7)}${'*'.repeat(40)}`,
    group: {
      id: u.groupIds[u.groupIds.length - 1],
      name: world.groups.find((g) => g.id === u.groupIds[u.groupIds.length - 1])?.name,
    },
    created_at: new Date(u.dateJoinedMs).toISOString(),
    updated_at: new Date(u.updatedMs).toISOString(),
    updated_by: { id: 1, common_name: world.users[0] === undefined ? null : commonName(world.users[0]) },
  }));
  return [
    defineRoute('GET', '/api/health', 'public', () => jsonReply({ status: 'ok' })),
    defineRoute('GET', '/api/session/properties', 'public', () =>
      jsonReply({
        version: {
          tag: world.rules.tag,
          date: '2024-10-01',
          branch: `release-x.${world.rules.tag.split('.')[1] ?? ''}.x`,
          hash: 'c0ffee1',
        },
        'site-name': 'Sandbox Metabase',
        'setup-token': null,
        'has-user-setup': true,
        'site-locale': 'en',
        'token-features': {},
        'enable-password-login': world.passwordLogin,
      }),
    ),
    defineRoute('GET', '/api/native-query-snippet', 'user', (ctx) => {
      const archived = boolParam(ctx, 'archived', false);
      return jsonReply(world.snippets.filter((s) => s.archived === archived));
    }),
    detailRoute('/api/native-query-snippet/:id', world.snippets),
    defineRoute('GET', '/api/segment', 'user', () => jsonReply(world.segments.filter((s) => s.archived === false))),
    detailRoute('/api/segment/:id', world.segments),
    defineRoute('GET', '/api/alert', 'user', (ctx) => {
      const archived = boolParam(ctx, 'archived', false);
      const userId = ctx.isAdmin ? ctx.query.get('user_id') : null;
      return jsonReply(
        world.alerts.filter((a) => a.archived === archived && (userId === null || a.creator_id === Number(userId))),
      );
    }),
    detailRoute('/api/alert/:id', world.alerts),
    defineRoute('GET', '/api/permissions/group', 'user', (ctx) => {
      // Group managers (Enterprise) get the groups they manage; other non-admins a 403.
      const managed = ctx.user?.managedGroupIds ?? [];
      if (!ctx.isAdmin && managed.length === 0) return FORBIDDEN();
      const groups = ctx.isAdmin
        ? world.groupRecords
        : world.groupRecords.filter((g) => managed.includes(Number(g.id)));
      // limit/offset are applied, but the answer stays a bare array.
      const paging = parsePaging(ctx.query);
      return isReply(paging) ? paging : jsonReply(page(groups, paging));
    }),
    detailRoute('/api/permissions/group/:id', groupsWithMembers, 'admin'),
    defineRoute('GET', '/api/api-key', 'admin', () => jsonReply(apiKeys)),
    // Present in 0.50 and empty here: no legacy metrics or dashboard subscriptions are generated.
    defineRoute('GET', '/api/legacy-metric', 'user', () => jsonReply([])),
    defineRoute('GET', '/api/pulse', 'user', () => jsonReply([])),
    // Removed endpoints answer like unknown ones: /api/activity (0.47), /api/metric (renamed in 0.50).
    defineRoute('GET', '/api/activity', 'public', () => NO_ENDPOINT()),
    defineRoute('GET', '/api/metric', 'public', () => NO_ENDPOINT()),
  ];
}
