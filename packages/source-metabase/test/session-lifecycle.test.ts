// What a session costs and how it ends, proved against the sandbox's counters: expiry mid-run with a password
// (exactly one more login, nothing lost), an expired token alone (a config_error that says what to do), a
// throttled login (Metabase's wait time, exactly one attempt).
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { checkSource, readSource } from '@mb-airbyte/http-source-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { expiredTokenMessage, streamCatalog } from '../src/index.js';
import { byPrimaryKey, expectedRecords, fastSource, finalStatuses, recordsByStream, sandboxConfig, streamErrors } from './support/sandbox-source.js';

const source = fastSource();
const streamCount = Object.keys(streamCatalog).length;
let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
  sandbox = await startSandbox({ seed: 3, ...options });
  return sandbox;
}

describe('a session that expires during the sync', () => {
  // A full read makes about 115 authenticated requests: the first session dies partway, the second one lasts.
  const sessionMaxRequests = 70;

  it('with username and password: logs in exactly once more and loses nothing', async () => {
    const server = await start({ sessionMaxRequests });
    const output = await readSource(source, { config: sandboxConfig(server, 'username_password') });
    expect([...streamErrors(output).values()]).toEqual([]);
    expect(output.exitCode).toBe(0);
    const stats = server.stats();
    expect(stats.logins).toBe(2);
    expect(stats.failedLogins).toBe(0);
    expect(stats.logouts).toBe(1);
    expect(stats.requests).toBeGreaterThan(sessionMaxRequests + 2); // the first session really did expire
    const records = recordsByStream(output);
    for (const [name, expected] of Object.entries(expectedRecords(server))) {
      expect(byPrimaryKey(records.get(name) ?? []), name).toEqual(byPrimaryKey(expected));
    }
  });

  it('with a session token plus username and password: replaces the token by one login and logs that session out', async () => {
    const server = await start({ sessionMaxRequests });
    const output = await readSource(source, {
      config: sandboxConfig(server, 'session_token', { username: server.credentials.username, password: server.credentials.password }),
    });
    expect(output.exitCode).toBe(0);
    expect(output.records.length).toBeGreaterThan(100);
    const stats = server.stats();
    expect(stats.logins).toBe(1);
    expect(stats.logouts).toBe(1);
    // The token check, and the one look at who the credential is that users and permission_groups share.
    expect(stats.requestsByRoute['GET /api/user/current']).toBe(2);
  });
});

describe('an expired session token', () => {
  it('alone: every stream fails with a config_error that explains expiry, MAX_SESSION_AGE and the ways out; no login', async () => {
    const server = await start({});
    const config = sandboxConfig(server, 'session_token');
    server.expireAllSessions();
    const output = await readSource(source, { config });
    expect(output.exitCode).toBe(1);
    const errors = streamErrors(output);
    expect(errors.size).toBe(streamCount);
    for (const error of errors.values()) {
      expect(error.failure_type).toBe('config_error');
      expect(error.message).toBe(expiredTokenMessage);
    }
    expect(expiredTokenMessage).toMatch(/expired/);
    expect(expiredTokenMessage).toMatch(/14 days/);
    expect(expiredTokenMessage).toMatch(/MAX_SESSION_AGE/);
    expect(expiredTokenMessage).toMatch(/POST \/api\/session/);
    expect(expiredTokenMessage).toMatch(/API key/);
    const stats = server.stats();
    expect(stats.requestsByRoute['GET /api/user/current']).toBe(1); // validated once, not once per stream
    expect(stats.requestsByRoute['POST /api/session'] ?? 0).toBe(0);
    expect(stats.requests).toBe(1);
  });

  it('alone, expiring mid-run: the streams read before complete, the rest fail with the same message', async () => {
    const server = await start({ sessionMaxRequests: 20 });
    const output = await readSource(source, { config: sandboxConfig(server, 'session_token') });
    const statuses = finalStatuses(output);
    expect(statuses.get('cards')).toBe('COMPLETE');
    expect([...streamErrors(output).values()].map((error) => error.message)).toContain(expiredTokenMessage);
    expect(server.stats().logins).toBe(0);
  });

  it('with username and password: one login at the start, then the sync completes', async () => {
    const server = await start({});
    const config = sandboxConfig(server, 'session_token', { username: server.credentials.username, password: server.credentials.password });
    server.expireAllSessions();
    const output = await readSource(source, { config });
    expect(output.exitCode).toBe(0);
    const stats = server.stats();
    // The token check, and the one look at who the credential is that users and permission_groups share.
    expect([stats.logins, stats.logouts, stats.requestsByRoute['GET /api/user/current']]).toEqual([1, 1, 2]);
  });
});

describe('a throttled login', () => {
  it("is reported with Metabase's wait time after exactly one attempt, and never retried", async () => {
    const clock = Date.parse('2024-06-01T12:00:00Z'); // frozen: the wait Metabase asks for is exactly 15 s
    const server = await start({ now: () => clock });
    const wrong = sandboxConfig(server, 'username_password', { password: 'not-the-password' });
    for (let attempt = 0; attempt < 10; attempt++) {
      const check = await checkSource(source, wrong);
      expect(check.connectionStatus?.status).toBe('FAILED');
      expect(check.connectionStatus?.message).toContain('rejected the username or password');
    }
    expect(server.stats().failedLogins).toBe(10);

    server.resetStats();
    const output = await readSource(source, { config: sandboxConfig(server, 'username_password') });
    expect(server.stats().requestsByRoute['POST /api/session']).toBe(1);
    expect(server.stats().requests).toBe(1);
    expect(output.exitCode).toBe(1);
    const messages = new Set([...streamErrors(output).values()].map((error) => `${error.failure_type ?? ''}: ${error.message}`));
    expect(messages.size).toBe(1);
    const [message] = messages;
    expect(message).toMatch(/^config_error: /);
    expect(message).toContain('Too many attempts!');
    expect(message).toContain('wait 15 seconds');
    expect(message).toContain('does not retry');
    expect(output.text).not.toContain(server.credentials.password);
  });
});
