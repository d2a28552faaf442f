import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import { recordingSleep, sendJson, startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { ConnectorError } from '../errors/index.js';
import { HttpClient } from '../http/index.js';
import { sessionAuth, type SessionAuthOptions } from './session-auth.js';

/** A tiny session server in the shape of Metabase's /api/session. */
interface SessionServer extends TestServer {
  valid: Set<string>;
  loginMode: 'ok' | 'bad-password' | 'throttled' | 'down';
  count(method: string, path: string): number;
  unauthorizedAnswers: number;
}

let server: SessionServer | undefined;
let client: HttpClient | undefined;
const track = closeAfterEach();

async function startSessionServer(): Promise<SessionServer> {
  let issued = 0;
  const holder: { session?: SessionServer } = {};
  const handle = (state: SessionServer, req: IncomingMessage, res: ServerResponse): void => {
    const token = req.headers['x-metabase-session'];
    const authed = typeof token === 'string' && state.valid.has(token);
    if (req.method === 'POST' && req.url === '/api/session') {
      if (state.loginMode === 'down') sendJson(res, 503, { message: 'Metabase is still initializing' });
      else if (state.loginMode === 'bad-password') sendJson(res, 401, { errors: { password: 'did not match stored password' } });
      else if (state.loginMode === 'throttled') sendJson(res, 400, { errors: { username: 'Too many attempts! You must wait 15 seconds before trying again.' } });
      else {
        const fresh = `session-${++issued}`;
        state.valid.add(fresh);
        sendJson(res, 200, { id: fresh });
      }
      return;
    }
    if (!authed) {
      state.unauthorizedAnswers++;
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end('Unauthenticated');
      return;
    }
    if (req.method === 'DELETE' && req.url === '/api/session') {
      state.valid.delete(token);
      res.writeHead(204);
      res.end();
      return;
    }
    sendJson(res, 200, { path: req.url, token });
  };
  const base = await startTestServer('trusted', (req, res) => {
    if (holder.session) handle(holder.session, req, res);
  });
  const loginMode: SessionServer['loginMode'] = 'ok';
  const session: SessionServer = Object.assign(base, {
    valid: new Set<string>(['given-token']),
    loginMode,
    unauthorizedAnswers: 0,
    count: (method: string, path: string) => base.requests.filter((r) => r.method === method && r.path === path).length,
  });
  holder.session = session;
  return session;
}

const login: NonNullable<SessionAuthOptions['login']> = {
  path: 'session',
  body: () => ({ username: 'alice@example.com', password: 'pa55word' }),
  tokenPath: 'id',
  isThrottled: (status, body) => (status === 400 || status === 401) && body.includes('Too many attempts'),
};

function clientWith(s: SessionServer, options: Partial<SessionAuthOptions>, maxConcurrency = 8): HttpClient {
  const { sleep } = recordingSleep();
  client = track(new HttpClient({
    baseUrl: `${s.url}/api/`,
    caCertPem: testCaPem,
    userAgent: 't/1',
    maxConcurrency,
    sleep,
    authenticator: sessionAuth({
      header: 'X-Metabase-Session',
      validate: { path: 'user/current' },
      logout: { path: 'session', method: 'DELETE' },
      messages: {
        loginFailed: (status) => `Metabase refused the username or password (HTTP ${status}). Check them in the configuration.`,
        throttled: (body) => `Metabase is blocking logins: ${/wait \d+ seconds/.exec(body)?.[0] ?? 'try later'}.`,
      },
      ...options,
    }),
  }));
  return client;
}

const many = (http: HttpClient, n: number) => Promise.all(Array.from({ length: n }, (_, i) => http.json<{ token: string }>({ path: `card/${i}` })));

describe('sessionAuth', () => {
  it('validates a given token exactly once and never logs in or out for it', async () => {
    server = track(await startSessionServer());
    const http = clientWith(server, { token: 'given-token', login });
    const results = await many(http, 10);
    expect(new Set(results.map((r) => r.token))).toEqual(new Set(['given-token']));
    await http.close();
    expect(server.count('GET', '/api/user/current')).toBe(1);
    expect(server.count('POST', '/api/session')).toBe(0);
    expect(server.count('DELETE', '/api/session')).toBe(0);
  });

  it('logs in once when the given token is rejected, then uses the new token', async () => {
    server = track(await startSessionServer());
    const http = clientWith(server, { token: 'stale-token', login });
    const results = await many(http, 10);
    expect(new Set(results.map((r) => r.token))).toEqual(new Set(['session-1']));
    expect(server.count('GET', '/api/user/current')).toBe(1);
    expect(server.count('POST', '/api/session')).toBe(1);
  });

  it('logs in exactly once for 20 concurrent requests after an expiry, queued requests use the new token', async () => {
    server = track(await startSessionServer());
    const maxConcurrency = 4;
    const http = clientWith(server, { login }, maxConcurrency);
    await http.json({ path: 'card/warm-up' });
    expect(server.count('POST', '/api/session')).toBe(1);
    server.valid.clear(); // the session expires mid-run
    const results = await many(http, 20);
    expect(new Set(results.map((r) => r.token))).toEqual(new Set(['session-2']));
    expect(server.count('POST', '/api/session')).toBe(2);
    // Only requests already in flight met the old token.
    expect(server.unauthorizedAnswers).toBeLessThanOrEqual(maxConcurrency);
    expect(server.unauthorizedAnswers).toBeGreaterThanOrEqual(1);
  });

  it('does not loop when the re-login fails: one attempt, a config_error with the source message', async () => {
    server = track(await startSessionServer());
    const http = clientWith(server, { login });
    await http.json({ path: 'card/warm-up' });
    server.valid.clear();
    server.loginMode = 'bad-password';
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => http.json({ path: `card/${i}` })));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    const reason: unknown = (outcomes[0] as PromiseRejectedResult).reason;
    expect(ConnectorError.isInstance(reason) && reason.failureType).toBe('config_error');
    expect((reason as Error).message).toBe('Metabase refused the username or password (HTTP 401). Check them in the configuration.');
    expect(server.count('POST', '/api/session')).toBe(2);
    await http.json({ path: 'later' }).catch(() => undefined);
    expect(server.count('POST', '/api/session')).toBe(2);
  });

  it('gives up when the fresh session is rejected too, without a third login', async () => {
    server = track(await startSessionServer());
    const http = clientWith(server, { login });
    await http.json({ path: 'card/warm-up' });
    server.valid.clear();
    const realAdd = server.valid.add.bind(server.valid);
    server.valid.add = () => server?.valid ?? new Set(); // new sessions are born dead
    await expect(http.json({ path: 'card/1' })).rejects.toMatchObject({ status: 401, failureType: 'config_error' });
    await expect(http.json({ path: 'card/2' })).rejects.toMatchObject({ status: 401 });
    server.valid.add = realAdd;
    expect(server.count('POST', '/api/session')).toBe(2);
  });

  it('reports a throttled login with its wait time and never retries it', async () => {
    server = track(await startSessionServer());
    server.loginMode = 'throttled';
    const http = clientWith(server, { login });
    const outcomes = await Promise.allSettled([http.json({ path: 'a' }), http.json({ path: 'b' }), http.json({ path: 'c' })]);
    const reason: unknown = (outcomes[0] as PromiseRejectedResult).reason;
    expect(reason).toMatchObject({ failureType: 'config_error', message: 'Metabase is blocking logins: wait 15 seconds.' });
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(server.count('POST', '/api/session')).toBe(1);
  });

  it('keeps a login that failed transiently final: no second login, no outer retries', async () => {
    server = track(await startSessionServer());
    server.loginMode = 'down';
    const http = clientWith(server, { login });
    const outcomes = await Promise.allSettled([http.json({ path: 'a' }), http.json({ path: 'b' })]);
    const reason: unknown = (outcomes[0] as PromiseRejectedResult).reason;
    expect(reason).toMatchObject({ failureType: 'transient_error', retryable: false });
    expect(outcomes[1].status).toBe('rejected');
    // The login request itself used its retry budget (6 attempts), once.
    expect(server.count('POST', '/api/session')).toBe(6);
    expect(server.requests.filter((r) => r.path !== '/api/session')).toHaveLength(0);
  });

  it('says what to do when a given token is rejected and there are no credentials', async () => {
    server = track(await startSessionServer());
    const http = clientWith(server, { token: 'stale-token', messages: { expired: 'The Metabase session token expired; create a new one or configure a password.' } });
    await expect(http.json({ path: 'a' })).rejects.toMatchObject({ failureType: 'config_error', message: expect.stringMatching(/token expired/) as unknown });
    expect(server.count('GET', '/api/a')).toBe(0);
  });

  it('logs out the session it opened, once, at close, and reports its token for masking', async () => {
    server = track(await startSessionServer());
    const http = clientWith(server, { login });
    const auth = (http as unknown as { options: { authenticator: ReturnType<typeof sessionAuth> } }).options.authenticator;
    await http.json({ path: 'a' });
    expect(auth.secrets()).toContain('session-1');
    await http.close();
    await http.close();
    const logout = server.requests.filter((r) => r.method === 'DELETE');
    expect(logout).toHaveLength(1);
    expect(logout[0]?.headers['x-metabase-session']).toBe('session-1');
    expect(server.valid.has('session-1')).toBe(false);
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).toEqual({ username: 'alice@example.com', password: 'pa55word' });
  });
});
