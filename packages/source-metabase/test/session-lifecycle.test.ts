// What sessions cost and how they end, proved against the sandbox's counters: sessions that end many times (by
// requests and by age) with a password (a login each time, nothing lost), and the credential refusals that end the
// run with one ERROR trace (a token alone that expired, a throttled login, a revoked API key).
import { startSandbox, type Sandbox, type SandboxOptions } from '@mb-airbyte/metabase-sandbox';
import { checkSource, readSource, type SourceOutput } from '@mb-airbyte/http-source-kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { expiredTokenMessage } from '../src/auth/session-messages.js';
import { streamCatalog } from '../src/index.js';
import {
  byPrimaryKey,
  errorTraces,
  expectedRecords,
  fastSource,
  finalStatuses,
  recordsByStream,
  sandboxConfig,
  stoppedStreams,
} from './support/sandbox-source.js';

const source = fastSource();
const streamNames = Object.keys(streamCatalog);
let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(options: SandboxOptions): Promise<Sandbox> {
  sandbox = await startSandbox({ seed: 3, ...options });
  return sandbox;
}

function expectEveryRecord(server: Sandbox, output: SourceOutput): void {
  const records = recordsByStream(output);
  for (const [name, expected] of Object.entries(expectedRecords(server))) {
    expect(byPrimaryKey(records.get(name) ?? []), name).toEqual(byPrimaryKey(expected));
  }
}

/** Requests a session answered: all but logins, logouts and the 401s of ended sessions. */
function servedRequests(server: Sandbox): number {
  const { requests, requestsByRoute, unauthenticated } = server.stats();
  const sessionRoutes = (requestsByRoute['POST /api/session'] ?? 0) + (requestsByRoute['DELETE /api/session'] ?? 0);
  return requests - sessionRoutes - unauthenticated;
}

/** The run's one ERROR trace, every stream INCOMPLETE unless listed as complete, and a pointer for each of the rest. */
function expectOneCause(output: SourceOutput, cause: RegExp | string, complete: string[] = []): void {
  expect(output.exitCode).toBe(1);
  const traces = errorTraces(output);
  expect(traces, 'ERROR traces').toHaveLength(1);
  expect(traces[0]?.stream).toBeUndefined();
  expect(traces[0]?.failure_type).toBe('config_error');
  if (typeof cause === 'string') expect(traces[0]?.message).toBe(cause);
  else expect(traces[0]?.message).toMatch(cause);
  const statuses = finalStatuses(output);
  const stopped = streamNames.filter((name) => !complete.includes(name));
  for (const name of streamNames)
    expect(statuses.get(name), name).toBe(complete.includes(name) ? 'COMPLETE' : 'INCOMPLETE');
  expect(stoppedStreams(output).sort()).toEqual([...stopped].sort());
}

describe('sessions that end during the sync, with a password', () => {
  it('ending every 15 requests: a login each time, about one per 15 requests, every record', async () => {
    const server = await start({ sessionMaxRequests: 15 });
    const output = await readSource(source, { config: sandboxConfig(server, 'username_password') });
    expect(errorTraces(output)).toEqual([]);
    expect(output.exitCode).toBe(0);
    const { logins, logouts, failedLogins, sessionsExpiredByRequests } = server.stats();
    const served = servedRequests(server);
    expect(served).toBeGreaterThan(60); // several sessions ended
    expect(logins).toBe(Math.ceil(served / 15));
    expect(sessionsExpiredByRequests).toBe(logins - 1);
    expect([failedLogins, logouts]).toEqual([0, 1]);
    expect(output.logs.at(-1)?.message).toMatch(
      new RegExp(
        `^Read finished: 12 of 12 streams complete, \\d+ records, \\d+ HTTP requests \\(0 retries\\), ${logins} logins\\.$`,
      ),
    );
    expectEveryRecord(server, output);
  });

  it('ending by age, many times: a 15-minute session and a sandbox clock that moves a minute per request', async () => {
    const server = await start({ sessionMaxAgeMs: 15 * 60_000, clockStepMsPerRequest: 60_000 });
    const output = await readSource(source, { config: sandboxConfig(server, 'username_password') });
    expect(output.exitCode).toBe(0);
    const { logins, sessionsExpiredByAge } = server.stats();
    expect(sessionsExpiredByAge).toBeGreaterThanOrEqual(5);
    expect(logins).toBe(sessionsExpiredByAge + 1);
    expectEveryRecord(server, output);
  });

  it('a session token with a password: the token serves until it ends, then logins take over', async () => {
    const server = await start({ sessionMaxRequests: 20 });
    const config = sandboxConfig(server, 'session_token', {
      username: server.credentials.username,
      password: server.credentials.password,
    });
    const output = await readSource(source, { config });
    expect(output.exitCode).toBe(0);
    const stats = server.stats();
    // The token check, and the one look at who the credential is that users and permission_groups share.
    expect(stats.requestsByRoute['GET /api/user/current']).toBe(2);
    expect(stats.logins).toBe(Math.ceil((servedRequests(server) - 20) / 20));
    expect(stats.logouts).toBe(1);
    expectEveryRecord(server, output);
  });
});

describe('a credential refused: one ERROR trace that names the cause, the other streams INCOMPLETE', () => {
  it('an expired session token alone: no login, one request', async () => {
    const server = await start({});
    const config = sandboxConfig(server, 'session_token');
    server.expireAllSessions();
    const output = await readSource(source, { config });
    expectOneCause(output, expiredTokenMessage);
    for (const part of [/expired/, /14 days/, /MAX_SESSION_AGE/, /POST \/api\/session/, /API key/])
      expect(expiredTokenMessage).toMatch(part);
    const stats = server.stats();
    expect(stats.requestsByRoute['GET /api/user/current']).toBe(1); // validated once, not once per stream
    expect(stats.requestsByRoute['POST /api/session'] ?? 0).toBe(0);
    expect(stats.requests).toBe(1);
  });

  it('a session token alone that expires mid-run: the streams read before complete', async () => {
    const server = await start({ sessionMaxRequests: 20 });
    const output = await readSource(source, { config: sandboxConfig(server, 'session_token') });
    const complete = [...finalStatuses(output)].filter(([, status]) => status === 'COMPLETE').map(([name]) => name);
    expect(complete).toContain('cards');
    expectOneCause(output, expiredTokenMessage, complete);
    expect(server.stats().logins).toBe(0);
  });

  it("a throttled login: Metabase's wait time, after exactly one attempt", async () => {
    const clock = Date.parse('2024-06-01T12:00:00Z'); // frozen: the wait Metabase asks for is exactly 15 s
    const server = await start({ now: () => clock });
    const wrong = sandboxConfig(server, 'username_password', { password: 'not-the-password' });
    for (let attempt = 0; attempt < 10; attempt++) {
      const check = await checkSource(source, wrong);
      expect(check.connectionStatus?.message).toContain('rejected the username or password');
    }
    expect(server.stats().failedLogins).toBe(10);
    server.resetStats();
    const output = await readSource(source, { config: sandboxConfig(server, 'username_password') });
    expectOneCause(output, /^Metabase refused to log in .*Too many attempts!.*wait 15 seconds.*does not retry/);
    expect(server.stats().requestsByRoute['POST /api/session']).toBe(1);
    expect(server.stats().requests).toBe(1);
    expect(output.text).not.toContain(server.credentials.password);
  });

  it('an API key revoked mid-run: the streams read before complete, no request after the refusal', async () => {
    const server = await start({});
    const { adminApiKey } = server.credentials;
    // Revoke once the first stream has its answer: polled every turn of the event loop the sandbox shares with us.
    const poll = setInterval(() => {
      if ((server.stats().requestsByRoute['GET /api/card'] ?? 0) > 0) server.revokeApiKey(adminApiKey);
    }, 0);
    const output = await readSource(source, { config: sandboxConfig(server, 'admin_api_key') }).finally(() => {
      clearInterval(poll);
    });
    const complete = [...finalStatuses(output)].filter(([, status]) => status === 'COMPLETE').map(([name]) => name);
    expect(complete.length).toBeLessThan(streamNames.length);
    expectOneCause(
      output,
      /^Metabase refused the API key: it answered 401 Unauthenticated to GET .*deleted or regenerated/,
      complete,
    );
    const refusedAt = server.stats().requests;
    expect(refusedAt).toBeLessThan(20);
  });
});
