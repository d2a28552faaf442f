// A tiny session server in the shape of Metabase's /api/session, for the session authenticator's tests: sessions that
// end after N requests, logins that fail in each of the ways Metabase's do, and a log of what each request got.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordingSleep, sendJson, startTestServer, testCaPem, type TestServer } from './https-test-server.js';
import { HttpClient } from '../../src/http/index.js';
import { sessionAuth, type SessionAuthOptions } from '../../src/auth/index.js';

export type LoginMode = 'ok' | 'bad-password' | 'throttled' | 'down' | 'dead-sessions';

export interface Answered {
  path: string;
  status: number;
  token: string | undefined;
}

export interface SessionServer extends TestServer {
  /** Live sessions and the requests each has left (Infinity: no limit). */
  valid: Map<string, number>;
  loginMode: LoginMode;
  /** Each new session ends after this many authenticated requests. */
  sessionMaxRequests: number;
  /** Extra wait before a 200 answer (a 401 is answered at once). */
  successDelayMs: number;
  /**
   * A path that always loses the race for a session: its request waits (up to 100 ms) until another request with the
   * same session has been answered, so with one request per session it is refused until it is the only one left.
   */
  starvedPath: string | undefined;
  /** Every data request, in the order answered. */
  answered: Answered[];
  count(method: string, path: string): number;
}

export async function startSessionServer(): Promise<SessionServer> {
  let issued = 0;
  const holder: { state?: SessionServer } = {};
  const handle = async (state: SessionServer, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const header = req.headers['x-metabase-session'];
    const token = typeof header === 'string' ? header : undefined;
    if (req.method === 'POST' && req.url === '/api/session') {
      if (state.loginMode === 'down') sendJson(res, 503, { message: 'Metabase is still initializing' });
      else if (state.loginMode === 'bad-password')
        sendJson(res, 401, { errors: { password: 'did not match stored password' } });
      else if (state.loginMode === 'throttled')
        sendJson(res, 401, {
          errors: { username: 'Too many attempts! You must wait 15 seconds before trying again.' },
        });
      else {
        const fresh = `session-${++issued}`;
        if (state.loginMode !== 'dead-sessions') state.valid.set(fresh, state.sessionMaxRequests);
        sendJson(res, 200, { id: fresh });
      }
      return;
    }
    const path = req.url ?? '';
    if (path === state.starvedPath && token !== undefined) await answeredWith(token, 100);
    const left = token === undefined ? undefined : state.valid.get(token);
    if (left === undefined || left <= 0) {
      if (token !== undefined) state.valid.delete(token);
      state.answered.push({ path, status: 401, token });
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Unauthenticated');
      return;
    }
    if (req.method === 'DELETE' && req.url === '/api/session') {
      state.valid.delete(token ?? '');
      res.writeHead(204);
      res.end();
      return;
    }
    state.valid.set(token ?? '', left - 1);
    if (state.successDelayMs > 0) await sleep(state.successDelayMs);
    state.answered.push({ path, status: 200, token });
    sendJson(res, 200, { path, token });
    for (const wake of waiters.splice(0)) wake();
  };
  const waiters: (() => void)[] = [];
  /** Resolves once a request with `token` has been answered 200, or after `ms`. */
  const answeredWith = async (token: string, ms: number): Promise<void> => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline && !holder.state?.answered.some((a) => a.token === token && a.status === 200))
      await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), sleep(deadline - Date.now())]);
  };
  const base = await startTestServer('trusted', async (req, res) => {
    if (holder.state) await handle(holder.state, req, res);
  });
  const loginMode: LoginMode = 'ok';
  const state: SessionServer = Object.assign(base, {
    valid: new Map<string, number>([['given-token', Infinity]]),
    loginMode,
    sessionMaxRequests: Infinity,
    successDelayMs: 0,
    starvedPath: undefined,
    answered: [],
    count: (method: string, path: string) => base.requests.filter((r) => r.method === method && r.path === path).length,
  });
  holder.state = state;
  return state;
}

export const metabaseLikeLogin: NonNullable<SessionAuthOptions['login']> = {
  path: 'session',
  body: () => ({ username: 'alice@example.com', password: 'pa55word' }),
  tokenPath: 'id',
  isThrottled: (status, body) => (status === 400 || status === 401) && body.includes('Too many attempts'),
};

/** A client on the server with a Metabase-like session authenticator (options override), retries without waiting. */
export function sessionClient(
  server: SessionServer,
  options: Partial<SessionAuthOptions>,
  maxConcurrency = 8,
): HttpClient {
  const { sleep: noWait } = recordingSleep();
  return new HttpClient({
    baseUrl: `${server.url}/api/`,
    caCertPem: testCaPem,
    userAgent: 't/1',
    maxConcurrency,
    sleep: noWait,
    authenticator: sessionAuth({
      header: 'X-Metabase-Session',
      validate: { path: 'user/current' },
      logout: { path: 'session', method: 'DELETE' },
      messages: {
        loginFailed: (status) =>
          `Metabase refused the username or password (HTTP ${status}). Check them in the configuration.`,
        throttled: (body) => `Metabase is blocking logins: ${/wait \d+ seconds/.exec(body)?.[0] ?? 'try later'}.`,
      },
      ...options,
    }),
  });
}

/** `n` requests at once, each to its own path. */
export function requestMany(http: HttpClient, n: number, prefix = 'card'): Promise<{ path: string; token: string }[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) => http.json<{ path: string; token: string }>({ path: `${prefix}/${i}` })),
  );
}
