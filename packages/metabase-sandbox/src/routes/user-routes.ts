// GET /api/user/current, GET /api/user (admins, and group managers for their groups' users;
// {data,total,limit,offset}), GET /api/user/:id.
import { currentUserRecord, userRecord } from '../data/user-records.js';
import type { UserModel } from '../data/users.js';
import type { World } from '../data/world.js';
import { hash32 } from '../prng.js';
import { FORBIDDEN, jsonReply, NOT_FOUND } from '../server/reply.js';
import { badParam, defineRoute, isReply, page, parsePaging, positiveId, type Route } from '../server/route.js';

function lower(value: string | null): string {
  return (value ?? '').toLowerCase();
}

/**
 * Users ordered like GET /api/user: lower(first_name), lower(last_name), then `tieBreak` (the id; Metabase 0.47 and
 * 0.48 had none, so users with equal names came in whatever order the database chose, which can change between
 * requests).
 */
export function sortUsers(
  users: readonly UserModel[],
  tieBreak: (user: UserModel) => number = (user) => user.id,
): UserModel[] {
  return [...users].sort((a, b) => {
    const fa = lower(a.firstName);
    const fb = lower(b.firstName);
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = lower(a.lastName);
    const lb = lower(b.lastName);
    if (la !== lb) return la < lb ? -1 : 1;
    return tieBreak(a) - tieBreak(b);
  });
}

/** Group managers (Enterprise) see the users of the groups they manage; others only themselves. */
function visibleTo(world: World, viewer: UserModel | undefined, isAdmin: boolean): readonly UserModel[] | undefined {
  if (isAdmin) return world.users;
  const managed = viewer?.managedGroupIds;
  if (managed === undefined || managed.length === 0) return undefined;
  return world.users.filter((u) => u.groupIds.some((g) => managed.includes(g)));
}

const STATUSES = ['active', 'deactivated', 'all'] as const;

export function userRoutes(world: World): Route[] {
  const hasContent = world.cards.count > 0;
  // Without a tie break, each request sees equal names in an order of its own (seeded, so runs repeat).
  let requests = 0;
  const tieBreak = (): ((user: UserModel) => number) => {
    if (world.rules.userTieBreak) return (user) => user.id;
    const request = ++requests;
    return (user) => hash32(world.seed, 97, request, user.id);
  };
  return [
    defineRoute('GET', '/api/user/current', 'user', (ctx) =>
      ctx.user === undefined ? NOT_FOUND() : jsonReply(currentUserRecord(ctx.user, hasContent)),
    ),
    defineRoute('GET', '/api/user', 'user', (ctx) => {
      const visible = visibleTo(world, ctx.user, ctx.isAdmin);
      if (visible === undefined) return FORBIDDEN();
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
      const matching = sortUsers(visible, tieBreak()).filter(
        (u) =>
          (status === 'all' || u.active === (status === 'active')) &&
          (text === '' || [u.firstName, u.lastName, u.email].some((v) => lower(v).includes(text))) &&
          (groupId === null || u.groupIds.includes(Number(groupId))),
      );
      return jsonReply({
        data: page(matching, paging).map(userRecord),
        total: matching.length,
        limit: paging.limit,
        offset: paging.offset,
      });
    }),
    defineRoute('GET', '/api/user/:id', 'user', (ctx) => {
      const id = positiveId(ctx);
      if (isReply(id)) return id;
      const user = world.users[id - 1];
      const allowed =
        ctx.isAdmin ||
        ctx.user?.id === id ||
        (user !== undefined && visibleTo(world, ctx.user, false)?.includes(user) === true);
      if (!allowed) return FORBIDDEN();
      return user === undefined
        ? NOT_FOUND()
        : jsonReply({ ...userRecord(user), user_group_memberships: user.groupIds.map((g) => ({ id: g })) });
    }),
  ];
}
