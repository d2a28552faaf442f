// One request end to end: latency, routing, faults, a slow first byte, session routes or auth, the reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { UserModel } from '../data/users.js';
import type { World } from '../data/world.js';
import type { SandboxStats } from '../types.js';
import type { FaultInjector, FaultKind } from './fault-injector.js';
import { FORBIDDEN, NO_ENDPOINT, STILL_INITIALIZING, textReply, UNAUTHENTICATED, type Reply } from './reply.js';
import type { RouteMatch, RouteTable } from './route-table.js';
import { login, logout, sessionKeyOf, type SessionDeps } from './session-routes.js';
import type { SessionStore } from './session-store.js';
import { countFault, countRoute } from './stats.js';
import { writeReply, type BodyCut } from './write-reply.js';

const MAX_BODY_BYTES = 1024 * 1024;
const PROXY_502_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export interface RequestDeps extends SessionDeps {
  routes: RouteTable;
  faults: FaultInjector;
  sessions: SessionStore;
  stats: SandboxStats;
  retryAfterSeconds: number;
  /** API keys an admin deleted or regenerated. */
  revokedApiKeys: Set<string>;
  /** Moves the sandbox clock by its per-request step. */
  tick(): void;
  /** The sandbox clock (epoch ms). */
  now: () => number;
  /** Milliseconds a route ("GET /api/card") waits before its first byte; Infinity: it never answers. */
  firstByteDelays: Map<string, number>;
  /** Whether answers are gzipped for clients that accept it, as Metabase does. */
  gzip: boolean;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Session first (cookie, then header), then the API key, as Metabase does. */
function authenticate(deps: RequestDeps, req: IncomingMessage): UserModel | undefined {
  const key = sessionKeyOf(req);
  const fromSession = key === undefined ? undefined : deps.sessions.use(key);
  if (fromSession !== undefined) return deps.world.userById(fromSession);
  const apiKey = req.headers['x-api-key'];
  // Before 0.49 Metabase has no API keys: the header is ignored and the request is anonymous.
  if (typeof apiKey !== 'string' || !deps.world.rules.apiKeys || deps.revokedApiKeys.has(apiKey)) return undefined;
  if (apiKey === deps.world.apiKeys.admin) return deps.world.apiKeyUsers[0];
  if (apiKey === deps.world.apiKeys.user) return deps.world.apiKeyUsers[1];
  return undefined;
}

function faultReply(kind: FaultKind, retryAfterSeconds: number): Reply | undefined {
  if (kind === 'initializing-503') return textReply(503, STILL_INITIALIZING);
  if (kind === 'proxy-502') return textReply(502, PROXY_502_HTML, { 'Content-Type': 'text/html' });
  if (kind === 'throttled-429')
    return textReply(429, 'Too Many Requests', { 'Retry-After': String(retryAfterSeconds) });
  return undefined;
}

/** Holds the answer back as a slow Metabase does before its first byte; `Infinity`: never answers. False if the client left. */
async function firstByteDelay(deps: RequestDeps, routeKey: string, req: IncomingMessage): Promise<boolean> {
  const delay = deps.firstByteDelays.get(routeKey);
  if (delay === undefined || delay <= 0) return true;
  const closed = new Promise<void>((resolve) => req.socket.once('close', resolve));
  await (Number.isFinite(delay) ? Promise.race([sleep(delay), closed]) : closed);
  return !req.socket.destroyed;
}

export async function handleRequest(
  deps: RequestDeps,
  world: World,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  deps.stats.requests++;
  deps.tick();
  const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
  // List routes answer with or without a trailing slash.
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const method = req.method ?? 'GET';
  const latency = deps.faults.latencyMs();
  if (latency > 0) await sleep(latency);

  const session = path === '/api/session' && (method === 'POST' || method === 'DELETE');
  const found = session ? undefined : deps.routes.match(method, path);
  if (!session && found === undefined) {
    await writeReply(res, NO_ENDPOINT());
    return;
  }
  const routeKey = found === undefined ? `${method} /api/session` : `${method} ${found.route.path}`;
  countRoute(deps.stats, routeKey);

  // Every route, logins and logouts included, can fail as a flaky network or proxy would make it fail.
  const fault = deps.faults.decide(`${method} ${path}${url.search}`);
  if (fault.kind !== 'ok') countFault(deps.stats, fault.kind, routeKey);
  if (fault.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  const early = faultReply(fault.kind, deps.retryAfterSeconds);
  if (early !== undefined) {
    await writeReply(res, early);
    return;
  }
  if (!(await firstByteDelay(deps, routeKey, req))) return;
  const cut: BodyCut | undefined =
    fault.kind === 'cut' || fault.kind === 'truncate'
      ? { how: fault.kind === 'cut' ? 'destroy' : 'end', piece: fault.piece, byte: fault.byte }
      : undefined;
  const reply = found === undefined ? await sessionReply(deps, req, method) : routeReply(deps, world, req, url, found);
  const acceptEncoding = deps.gzip ? req.headers['accept-encoding'] : undefined;
  await writeReply(res, reply, { cut, acceptEncoding });
}

async function sessionReply(deps: RequestDeps, req: IncomingMessage, method: string): Promise<Reply> {
  return method === 'POST' ? login(deps, req, await readBody(req)) : logout(deps, req);
}

function routeReply(deps: RequestDeps, world: World, req: IncomingMessage, url: URL, found: RouteMatch): Reply {
  const { route, params } = found;
  const user = route.access === 'public' ? undefined : authenticate(deps, req);
  if (route.access !== 'public' && user === undefined) {
    deps.stats.unauthenticated++;
    return UNAUTHENTICATED();
  }
  const isAdmin = user?.superuser === true;
  if (route.access === 'admin' && !isAdmin) return FORBIDDEN();
  return route.handle({ world, user, isAdmin, query: url.searchParams, params, now: deps.now });
}
