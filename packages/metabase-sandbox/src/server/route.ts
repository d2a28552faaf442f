// The shape of a route and the small parsers every route shares.
import type { UserModel } from '../data/users.js';
import type { World } from '../data/world.js';
import { jsonReply, type Reply } from './reply.js';

/** public: no auth; user: any authenticated caller; admin: superusers only (403 otherwise). */
export type Access = 'public' | 'user' | 'admin';

export interface RouteContext {
  world: World;
  /** The caller; undefined only on public routes. */
  user: UserModel | undefined;
  isAdmin: boolean;
  query: URLSearchParams;
  params: Record<string, string>;
  /** The server's clock, on requests from clients; absent when `sandbox.expected` calls a route (no side effects). */
  now?: () => number;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** e.g. "/api/dashboard/:id"; also the stats key with the method. */
  path: string;
  access: Access;
  handle(ctx: RouteContext): Reply;
}

export function defineRoute(method: Route['method'], path: string, access: Access, handle: Route['handle']): Route {
  return { method, path, access, handle };
}

/** Malli-style 400 for a bad parameter. */
export function badParam(name: string, message: string, received: string): Reply {
  return jsonReply(
    {
      errors: { [name]: message },
      'specific-errors': { [name]: [`${message}, received: ${JSON.stringify(received)}`] },
    },
    400,
  );
}

/** A positive integer path parameter, or the 400 Metabase gives for anything else. */
export function positiveId(ctx: RouteContext, name = 'id'): number | Reply {
  const raw = ctx.params[name] ?? '';
  if (/^[1-9]\d{0,9}$/.test(raw)) return Number(raw);
  return badParam(name, 'value must be an integer greater than zero.', raw);
}

/** Query booleans are the strings "true"/"false"; anything else is the default. */
export function boolParam(ctx: RouteContext, name: string, fallback: boolean): boolean {
  const raw = ctx.query.get(name);
  return raw === null ? fallback : raw === 'true';
}

export interface Paging {
  limit: number | null;
  offset: number | null;
}

/**
 * Metabase's offset-paging middleware: if either `limit` or `offset` is present the request is paged
 * and the missing one defaults to 50 / 0; with neither, both are null and every row is returned.
 * Unparseable values give 400 {"message": "Error parsing paging parameters: ..."} (shape from the
 * middleware test; exact wording of the cause is UNVERIFIED, we mimic Java's NumberFormatException).
 */
export function parsePaging(query: URLSearchParams): Paging | Reply {
  const rawLimit = query.get('limit');
  const rawOffset = query.get('offset');
  if (rawLimit === null && rawOffset === null) return { limit: null, offset: null };
  for (const raw of [rawLimit, rawOffset]) {
    if (raw !== null && !/^\d{1,9}$/.test(raw)) {
      return jsonReply({ message: `Error parsing paging parameters: For input string: "${raw}"` }, 400);
    }
  }
  return { limit: rawLimit === null ? 50 : Number(rawLimit), offset: rawOffset === null ? 0 : Number(rawOffset) };
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && 'kind' in value;
}

/** Applies paging to a list. */
export function page<T>(rows: readonly T[], paging: Paging): T[] {
  if (paging.limit === null || paging.offset === null) return [...rows];
  return rows.slice(paging.offset, paging.offset + paging.limit);
}
