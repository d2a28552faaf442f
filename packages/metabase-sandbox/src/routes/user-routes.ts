// GET /api/user/current, GET /api/user (admin, {data,total,limit,offset}), GET /api/user/:id.
import { currentUserRecord, userRecord } from '../data/user-records.js';
import type { UserModel } from '../data/users.js';
import type { World } from '../data/world.js';
import { FORBIDDEN, jsonReply, NOT_FOUND } from '../server/reply.js';
import { badParam, defineRoute, isReply, page, parsePaging, positiveId, type Route } from '../server/route.js';

function lower(value: string | null): string {
  return (value ?? '').toLowerCase();
}

/** Users ordered like GET /api/user: lower(first_name), lower(last_name), id. */
export function sortUsers(users: readonly UserModel[]): UserModel[] {
  return [...users].sort((a, b) => {
    const fa = lower(a.firstName);
    const fb = lower(b.firstName);
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = lower(a.lastName);
    const lb = lower(b.lastName);
    if (la !== lb) return la < lb ? -1 : 1;
    return a.id - b.id;
  });
}

const STATUSES = ['active', 'deactivated', 'all'] as const;

export function userRoutes(world: World): Route[] {
  const hasContent = world.cards.count > 0;
  return [
    defineRoute('GET', '/api/user/current', 'user', (ctx) => (ctx.user === undefined ? NOT_FOUND() : jsonReply(currentUserRecord(ctx.user, hasContent))), false),
    defineRoute('GET', '/api/user', 'admin', (ctx) => {
      const paging = parsePaging(ctx.query);
      if (isReply(paging)) return paging;
      // `status` wins over the legacy `include_deactivated=true` (which means "all").
      const rawStatus = ctx.query.get('status');
      if (rawStatus !== null && !STATUSES.includes(rawStatus as (typeof STATUSES)[number])) {
        return badParam('status', 'nullable enum of active, deactivated, all', rawStatus);
      }
      const status = rawStatus ?? (ctx.query.get('include_deactivated') === 'true' ? 'all' : 'active');
      const text = lower(ctx.query.get('query'));
      const groupId = ctx.query.get('group_id');
      const matching = sortUsers(world.users).filter((u) =>
        (status === 'all' || u.active === (status === 'active')) &&
        (text === '' || [u.firstName, u.lastName, u.email].some((v) => lower(v).includes(text))) &&
        (groupId === null || u.groupIds.includes(Number(groupId))));
      return jsonReply({ data: page(matching, paging).map(userRecord), total: matching.length, limit: paging.limit, offset: paging.offset });
    }),
    defineRoute('GET', '/api/user/:id', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      if (!ctx.isAdmin && ctx.user?.id !== id) return FORBIDDEN();
      const user = world.users[id - 1];
      return user === undefined ? NOT_FOUND() : jsonReply({ ...userRecord(user), user_group_memberships: user.groupIds.map((g) => ({ id: g })) });
    }),
  ];
}
