// Sessions that end many times in one run: a new login each time the session had served requests (single flight),
// the refused requests sent again ahead of the queue, nothing lost or doubled; a session refused from its first
// request and the login ceiling end the run instead.
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import {
  metabaseLikeLogin as login,
  requestMany,
  sessionClient,
  startSessionServer,
} from '../../test/support/session-server.js';
import { startTestServer, testCaPem } from '../../test/support/https-test-server.js';
import { HttpClient } from '../http/index.js';
import type { Authenticator } from '../http/http-types.js';

const track = closeAfterEach();

describe('session renewal', () => {
  it('sessions that end every 15 requests: one login per 15 requests, every request answered exactly once', async () => {
    const server = track(await startSessionServer());
    server.sessionMaxRequests = 15;
    const http = track(sessionClient(server, { login }));
    const results = await requestMany(http, 300);
    expect(results.map((r) => r.path)).toEqual(Array.from({ length: 300 }, (_, i) => `/api/card/${i}`));
    const served = server.answered.filter((a) => a.status === 200).map((a) => a.path);
    expect(served.sort()).toEqual(results.map((r) => r.path).sort()); // each path answered 200 once: none lost, none doubled
    expect(server.count('POST', '/api/session')).toBe(300 / 15);
    const perSession = new Map<string, number>();
    for (const a of server.answered)
      if (a.status === 200 && a.token) perSession.set(a.token, (perSession.get(a.token) ?? 0) + 1);
    expect(new Set(perSession.values())).toEqual(new Set([15]));
  });

  it('sends the refused requests again ahead of the queue, so answers stay close to request order', async () => {
    const server = track(await startSessionServer());
    server.sessionMaxRequests = 4;
    const maxConcurrency = 2;
    const http = track(sessionClient(server, { login }, maxConcurrency));
    await requestMany(http, 24);
    const order = server.answered.filter((a) => a.status === 200).map((a) => Number(a.path.split('/').at(-1)));
    expect(order).toHaveLength(24);
    order.forEach((index, k) => {
      expect(Math.abs(index - k), `answer ${k} was request ${index}`).toBeLessThanOrEqual(maxConcurrency);
    });
    expect(server.answered.filter((a) => a.status === 401).length).toBeGreaterThanOrEqual(5); // sessions did end
  });

  it('a 401 that overtakes a success of the same fresh session is a session that ended, not one refused', async () => {
    const server = track(await startSessionServer());
    server.sessionMaxRequests = 1;
    server.successDelayMs = 300; // the one success with each session answers after the 401 of the other request
    const http = track(sessionClient(server, { login }, 2));
    const results = await requestMany(http, 2);
    expect(results.map((r) => r.path)).toEqual(['/api/card/0', '/api/card/1']);
    expect(server.count('POST', '/api/session')).toBe(2);
  });

  it('a request that loses the race for every session is sent again as long as other requests succeed', async () => {
    const server = track(await startSessionServer());
    server.sessionMaxRequests = 1;
    server.starvedPath = '/api/card/starved';
    const now = 1_700_000_000_000; // a still clock, and a ceiling the run stays under
    const http = track(sessionClient(server, { login, maxLoginsPerMinute: 1000, now: () => now }, 4));
    const [starved, others] = await Promise.all([
      http.json<{ path: string }>({ path: 'card/starved' }),
      requestMany(http, 30),
    ]);
    expect(starved.path).toBe('/api/card/starved');
    expect(others).toHaveLength(30);
    const refused = server.answered.filter((a) => a.path === '/api/card/starved' && a.status === 401);
    expect(refused.length, 'refused more often than the bound on replays without progress').toBeGreaterThan(20);
  });

  it('an authenticator that would renew forever: the request gets its 401 after 20 replays without progress', async () => {
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end('Unauthenticated');
      }),
    );
    let renewals = 0;
    const renewsForever: Authenticator = {
      headers: () => Promise.resolve({ authorization: `Bearer t${renewals}` }),
      onUnauthorized: () => Promise.resolve(++renewals > 0),
      secrets: () => [],
      describe: () => 'a token renewed at every 401',
    };
    const http = track(
      new HttpClient({
        baseUrl: `${server.url}/api/`,
        caCertPem: testCaPem,
        userAgent: 't/1',
        authenticator: renewsForever,
      }),
    );
    await expect(http.json({ path: 'card/1' })).rejects.toMatchObject({ status: 401 });
    expect(server.requests).toHaveLength(21);
    expect(renewals).toBe(20);
  });

  it('a fresh session refused before it served anything ends the run with a config_error that says why', async () => {
    const server = track(await startSessionServer());
    server.loginMode = 'dead-sessions';
    const http = track(
      sessionClient(server, { login, messages: { freshSessionRefused: 'Metabase refused the new session at once.' } }),
    );
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => http.json({ path: `card/${i}` })));
    const reasons = new Set(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as unknown) : 'fulfilled')));
    expect(reasons.size).toBe(1);
    expect([...reasons][0]).toMatchObject({
      failureType: 'config_error',
      endsRun: true,
      message: 'Metabase refused the new session at once.',
    });
    expect(server.count('POST', '/api/session')).toBe(1);
  });

  it('also after a renewal: a session that served requests ends, the next one is refused at once', async () => {
    const server = track(await startSessionServer());
    server.sessionMaxRequests = 3;
    const http = track(sessionClient(server, { login }));
    await requestMany(http, 3);
    server.loginMode = 'dead-sessions';
    await expect(http.json({ path: 'card/next' })).rejects.toMatchObject({
      failureType: 'config_error',
      endsRun: true,
      message: expect.stringMatching(/first requests made with the session it had just opened/) as unknown,
    });
    expect(server.count('POST', '/api/session')).toBe(2);
  });

  it('the login ceiling: sessions that end after every request stop at the limit with a clear error', async () => {
    const server = track(await startSessionServer());
    server.sessionMaxRequests = 1;
    const now = 1_700_000_000_000; // a still clock: every login falls in the same minute
    const http = track(sessionClient(server, { login, maxLoginsPerMinute: 5, now: () => now }, 1));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => http.json({ path: `card/${i}` })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(5);
    const reason = outcomes.find((o) => o.status === 'rejected')?.reason as unknown;
    expect(reason).toMatchObject({
      failureType: 'config_error',
      endsRun: true,
      message: expect.stringMatching(/logged in 5 times within a minute/) as unknown,
    });
    expect(server.count('POST', '/api/session')).toBe(5);
  });

  it('the login ceiling is per minute: logins spread over time go on', async () => {
    const server = track(await startSessionServer());
    server.sessionMaxRequests = 2;
    let now = 1_700_000_000_000;
    const http = track(sessionClient(server, { login, maxLoginsPerMinute: 2, now: () => now }, 1));
    for (let i = 0; i < 12; i++) {
      await http.json({ path: `card/${i}` });
      now += 20_000; // a login every 40 s: never 2 within a minute
    }
    expect(server.count('POST', '/api/session')).toBe(6);
  });
});
