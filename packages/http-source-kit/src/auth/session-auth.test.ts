import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import {
  metabaseLikeLogin as login,
  requestMany,
  sessionClient,
  startSessionServer,
} from '../../test/support/session-server.js';
import { ConnectorError } from '../errors/index.js';
import type { sessionAuth } from './session-auth.js';

const track = closeAfterEach();

describe('sessionAuth', () => {
  it('validates a given token exactly once and never logs in or out for it', async () => {
    const server = track(await startSessionServer());
    const http = sessionClient(server, { token: 'given-token', login });
    const results = await requestMany(http, 10);
    expect(new Set(results.map((r) => r.token))).toEqual(new Set(['given-token']));
    await http.close();
    expect(server.count('GET', '/api/user/current')).toBe(1);
    expect(server.count('POST', '/api/session')).toBe(0);
    expect(server.count('DELETE', '/api/session')).toBe(0);
  });

  it('logs in once when the given token is rejected, then uses the new token', async () => {
    const server = track(await startSessionServer());
    const http = track(sessionClient(server, { token: 'stale-token', login }));
    const results = await requestMany(http, 10);
    expect(new Set(results.map((r) => r.token))).toEqual(new Set(['session-1']));
    expect(server.count('GET', '/api/user/current')).toBe(1);
    expect(server.count('POST', '/api/session')).toBe(1);
  });

  it('logs in exactly once for 20 concurrent requests after an expiry, queued requests use the new token', async () => {
    const server = track(await startSessionServer());
    const maxConcurrency = 4;
    const http = track(sessionClient(server, { login }, maxConcurrency));
    await http.json({ path: 'card/warm-up' });
    expect(server.count('POST', '/api/session')).toBe(1);
    server.valid.clear(); // the session expires mid-run
    const results = await requestMany(http, 20);
    expect(new Set(results.map((r) => r.token))).toEqual(new Set(['session-2']));
    expect(server.count('POST', '/api/session')).toBe(2);
    // Only requests already in flight met the old token.
    const refused = server.answered.filter((a) => a.status === 401).length;
    expect(refused).toBeLessThanOrEqual(maxConcurrency);
    expect(refused).toBeGreaterThanOrEqual(1);
  });

  it('does not loop when a login fails: one attempt, a config_error with the source message that ends the run', async () => {
    const server = track(await startSessionServer());
    const http = track(sessionClient(server, { login }));
    await http.json({ path: 'card/warm-up' });
    server.valid.clear();
    server.loginMode = 'bad-password';
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => http.json({ path: `card/${i}` })));
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    const reason: unknown = (outcomes[0] as PromiseRejectedResult).reason;
    expect(ConnectorError.isInstance(reason) && [reason.failureType, reason.endsRun]).toEqual(['config_error', true]);
    expect((reason as Error).message).toBe(
      'Metabase refused the username or password (HTTP 401). Check them in the configuration.',
    );
    expect(server.count('POST', '/api/session')).toBe(2);
    await http.json({ path: 'later' }).catch(() => undefined);
    expect(server.count('POST', '/api/session')).toBe(2);
  });

  it('reports a throttled login with its wait time and never retries it', async () => {
    const server = track(await startSessionServer());
    server.loginMode = 'throttled';
    const http = track(sessionClient(server, { login }));
    const outcomes = await Promise.allSettled([
      http.json({ path: 'a' }),
      http.json({ path: 'b' }),
      http.json({ path: 'c' }),
    ]);
    const reason: unknown = (outcomes[0] as PromiseRejectedResult).reason;
    expect(reason).toMatchObject({
      failureType: 'config_error',
      endsRun: true,
      message: 'Metabase is blocking logins: wait 15 seconds.',
    });
    expect(outcomes.every((o) => o.status === 'rejected')).toBe(true);
    expect(server.count('POST', '/api/session')).toBe(1);
  });

  it('keeps a login that failed transiently final: no second login, no outer retries', async () => {
    const server = track(await startSessionServer());
    server.loginMode = 'down';
    const http = track(sessionClient(server, { login }));
    const outcomes = await Promise.allSettled([http.json({ path: 'a' }), http.json({ path: 'b' })]);
    const reason: unknown = (outcomes[0] as PromiseRejectedResult).reason;
    expect(reason).toMatchObject({ failureType: 'transient_error', retryable: false, endsRun: true });
    expect(outcomes[1].status).toBe('rejected');
    // The login request itself used its retry budget (6 attempts), once.
    expect(server.count('POST', '/api/session')).toBe(6);
    expect(server.requests.filter((r) => r.path !== '/api/session')).toHaveLength(0);
  });

  it('says what to do when a given token is rejected and there are no credentials', async () => {
    const server = track(await startSessionServer());
    const http = track(
      sessionClient(server, {
        token: 'stale-token',
        messages: { expired: 'The Metabase session token expired; create a new one or configure a password.' },
      }),
    );
    await expect(http.json({ path: 'a' })).rejects.toMatchObject({
      failureType: 'config_error',
      endsRun: true,
      message: expect.stringMatching(/token expired/) as unknown,
    });
    expect(server.count('GET', '/api/a')).toBe(0);
  });

  it('a given token alone that expires after serving requests: the same message, once for every request', async () => {
    const server = track(await startSessionServer());
    const http = track(sessionClient(server, { token: 'given-token', messages: { expired: 'The token expired.' } }));
    await requestMany(http, 3);
    server.valid.clear();
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => http.json({ path: `late/${i}` })));
    const reasons = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as unknown) : undefined));
    expect(new Set(reasons).size).toBe(1); // the very same error object: one cause
    expect(reasons[0]).toMatchObject({ message: 'The token expired.', endsRun: true });
    expect(server.count('POST', '/api/session')).toBe(0);
  });

  it('logs out the session it opened, once, at close, and reports its token for masking and its logins', async () => {
    const server = track(await startSessionServer());
    const http = sessionClient(server, { login });
    const auth = (http as unknown as { options: { authenticator: ReturnType<typeof sessionAuth> } }).options
      .authenticator;
    await http.json({ path: 'a' });
    expect(auth.secrets()).toContain('session-1');
    expect(auth.logins?.()).toBe(1);
    await http.close();
    await http.close();
    const logout = server.requests.filter((r) => r.method === 'DELETE');
    expect(logout).toHaveLength(1);
    expect(logout[0]?.headers['x-metabase-session']).toBe('session-1');
    expect(server.valid.has('session-1')).toBe(false);
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).toEqual({
      username: 'alice@example.com',
      password: 'pa55word',
    });
  });
});
