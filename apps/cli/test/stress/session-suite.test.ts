import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '@mb-airbyte/metabase-sandbox';
import { loginAttempt } from './support/login-attempt.js';
import { errorTraces, everyStream, finalStatuses, recordDataByKey, records, recordsByKey } from './support/messages.js';
import { startStage } from './support/stage.js';
import { createStressCli, type StressCli, type StressRun } from './support/stress-cli.js';

// Sessions that end many times, and credentials that are refused, through the built CLI against the sandbox over
// HTTPS (behind the recording front, so the session ids Metabase hands out are checked for leaks on every run).

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

/** Every stream, each primary key once, the same data as a clean read of a sandbox with the same seed. */
function expectSameRecords(run: StressRun, clean: StressRun): void {
  for (const [stream, keys] of recordsByKey(run)) {
    expect(
      [...keys].filter(([, count]) => count > 1).map(([key]) => key),
      `${stream}: keys emitted twice`,
    ).toEqual([]);
  }
  expect(Object.keys(recordDataByKey(clean)).sort()).toEqual([...everyStream].sort());
  expect(recordDataByKey(run)).toEqual(recordDataByKey(clean));
}

/** Requests a session answered: everything but logins, logouts and 401s. */
function servedRequests(sandbox: Sandbox): number {
  const { requests, requestsByRoute, unauthenticated } = sandbox.stats();
  return (
    requests -
    (requestsByRoute['POST /api/session'] ?? 0) -
    (requestsByRoute['DELETE /api/session'] ?? 0) -
    unauthenticated
  );
}

/** The read's closing LOG line. */
function summaryLine(run: StressRun): string | undefined {
  return run.messages
    .flatMap((m) => (m.type === 'LOG' && m.log.message.startsWith('Read finished:') ? [m.log.message] : []))
    .at(-1);
}

/** One ERROR trace for the run (no stream), exit 1, the streams not listed as complete INCOMPLETE with a pointer. */
function expectOneCause(run: StressRun, cause: RegExp, complete: readonly string[] = []): void {
  expect(run.exitCode).toBe(1);
  const traces = errorTraces(run);
  expect(
    traces.map((t) => t.message),
    'ERROR traces',
  ).toHaveLength(1);
  expect(traces[0]?.stream_descriptor).toBeUndefined();
  expect(traces[0]?.failure_type).toBe('config_error');
  expect(traces[0]?.message).toMatch(cause);
  const statuses = finalStatuses(run);
  const stopped = everyStream.filter((s) => !complete.includes(s));
  for (const stream of everyStream)
    expect(statuses[stream], stream).toBe(complete.includes(stream) ? 'COMPLETE' : 'INCOMPLETE');
  const pointers = run.messages.flatMap((m) => {
    const match =
      m.type === 'LOG' && m.log.level === 'WARN'
        ? /^Stream "([^"]+)" stopped: the read ended because of an earlier error: (.*)$/.exec(m.log.message)
        : null;
    return match === null ? [] : [{ stream: match[1], cause: match[2] ?? '' }];
  });
  expect(pointers.map((p) => p.stream).sort()).toEqual([...stopped].sort());
  for (const pointer of pointers) expect(pointer.cause.length, 'a short pointer').toBeLessThan(250);
}

const completeStreams = (run: StressRun): string[] =>
  Object.entries(finalStatuses(run))
    .filter(([, s]) => s === 'COMPLETE')
    .map(([name]) => name);

async function cleanRead(test: Parameters<typeof startStage>[0]): Promise<StressRun> {
  const reference = await startStage(test);
  const clean = await reference.invoke(cli, { command: 'read', config: reference.config('password') });
  expect(clean.exitCode).toBe(0);
  return clean;
}

describe.concurrent('session suite: sessions that end, credentials that are refused', () => {
  it('all twelve streams with sessions ending every 15 requests: every record, about one login per 15 requests', async (test) => {
    const clean = await cleanRead(test);
    const stage = await startStage(test, { sandbox: { sessionMaxRequests: 15 } });
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('password') });
    expect(errorTraces(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expectSameRecords(run, clean);
    const { logins, failedLogins, logouts, sessionsExpiredByRequests } = stage.sandbox.stats();
    const served = servedRequests(stage.sandbox);
    expect(served).toBeGreaterThan(60); // several sessions ended
    expect(logins).toBeGreaterThanOrEqual(Math.ceil(served / 15));
    expect(logins).toBeLessThanOrEqual(Math.ceil(served / 15) + 1);
    expect(sessionsExpiredByRequests).toBe(logins - 1);
    expect([failedLogins, logouts]).toEqual([0, 1]);
    expect(stage.front.issuedTokens).toHaveLength(logins);
    expect(summaryLine(run)).toMatch(
      new RegExp(
        `^Read finished: 12 of 12 streams complete, \\d+ records, \\d+ HTTP requests \\(0 retries\\), ${logins} logins\\.$`,
      ),
    );
    await test.annotate(
      `${served} requests served by sessions, ${logins} logins, ${records(run).length} records compared by primary key; ${summaryLine(run) ?? ''}`,
    );
  }, 120_000);

  it('a session token plus a password, sessions ending every 15 requests: the token first, then logins, every record', async (test) => {
    const clean = await cleanRead(test);
    const stage = await startStage(test, { sandbox: { sessionMaxRequests: 15 } });
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('session_token_and_password') });
    expect(run.exitCode).toBe(0);
    expectSameRecords(run, clean);
    const { logins, requestsByRoute } = stage.sandbox.stats();
    expect(requestsByRoute['GET /api/user/current']).toBe(2); // the token check, and who the credential is (users, permission_groups)
    expect(logins).toBeGreaterThanOrEqual(Math.ceil((servedRequests(stage.sandbox) - 15) / 15));
    expect(logins).toBeLessThanOrEqual(Math.ceil((servedRequests(stage.sandbox) - 15) / 15) + 1);
  }, 120_000);

  it('sessions ending by age many times in one read (15-minute sessions, a sandbox clock a minute per request)', async (test) => {
    const clean = await cleanRead(test);
    const stage = await startStage(test, { sandbox: { sessionMaxAgeMs: 15 * 60_000, clockStepMsPerRequest: 60_000 } });
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('password') });
    expect(errorTraces(run)).toEqual([]);
    expect(run.exitCode).toBe(0);
    expectSameRecords(run, clean);
    const { logins, sessionsExpiredByAge, sessionsExpiredByRequests } = stage.sandbox.stats();
    expect(sessionsExpiredByAge).toBeGreaterThanOrEqual(5);
    expect(sessionsExpiredByRequests).toBe(0);
    expect(logins).toBe(sessionsExpiredByAge + 1);
    await test.annotate(
      `${sessionsExpiredByAge} sessions ended by age, ${logins} logins, ${records(run).length} records compared by primary key`,
    );
  }, 120_000);

  it('a fresh session refused before it served anything: one config_error that says why, one login', async (test) => {
    const stage = await startStage(test, { sandbox: { sessionMaxRequests: 0 } }); // Metabase ends every session at once
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('password') });
    expectOneCause(
      run,
      /^Metabase answered 401 Unauthenticated to the first requests made with the session it had just opened.*X-Metabase-Session.*API key/,
    );
    expect(stage.sandbox.stats().logins).toBe(1);
  }, 120_000);

  it('an API key that no longer exists: one ERROR trace, no request after the refusal', async (test) => {
    const stage = await startStage(test);
    const run = await stage.invoke(cli, {
      command: 'read',
      config: stage.config('api_key', { api_key: 'mb_deleted/Key+With=Base64Chars0123456789abcdefgh=' }),
    });
    expectOneCause(
      run,
      /^Metabase refused the API key: it answered 401 Unauthenticated to GET .*deleted or regenerated/,
    );
    const { requests, requestsByRoute } = stage.sandbox.stats();
    expect(requests - (requestsByRoute['GET /api/session/properties'] ?? 0)).toBe(1); // plus the look at the version
  }, 120_000);

  it('an API key revoked mid-read: the streams read before complete, one ERROR trace for the rest', async (test) => {
    const stage = await startStage(test);
    const key = stage.sandbox.credentials.adminApiKey;
    // Revoked as the first stream is answered (the sandbox runs in this process; the check runs every loop turn).
    const poll = setInterval(() => {
      if ((stage.sandbox.stats().requestsByRoute['GET /api/card'] ?? 0) > 0) stage.sandbox.revokeApiKey(key);
    }, 0);
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('api_key') }).finally(() => {
      clearInterval(poll);
    });
    const complete = completeStreams(run);
    expect(complete.length).toBeLessThan(everyStream.length);
    expectOneCause(run, /^Metabase refused the API key: it answered 401 Unauthenticated/, complete);
  }, 120_000);

  it('a session token alone, expired before the read: one ERROR trace, one request, no login', async (test) => {
    const stage = await startStage(test);
    const config = stage.config('session_token');
    stage.sandbox.expireAllSessions();
    const run = await stage.invoke(cli, { command: 'read', config });
    expectOneCause(run, /^The Metabase session token has expired or is not valid.*MAX_SESSION_AGE.*API key/);
    expect(stage.sandbox.stats().requests).toBe(1);
  }, 120_000);

  it('a session token alone, expiring mid-read: the streams read before complete, one ERROR trace for the rest', async (test) => {
    const stage = await startStage(test, { sandbox: { sessionMaxRequests: 40 } });
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('session_token') });
    const complete = completeStreams(run);
    expect(complete).toContain('cards');
    expectOneCause(run, /^The Metabase session token has expired or is not valid/, complete);
    expect(stage.sandbox.stats().logins + stage.sandbox.stats().failedLogins).toBe(0);
  }, 120_000);

  it("a throttled login: Metabase's wait in one ERROR trace, one attempt per command", async (test) => {
    const frozen = Date.parse('2025-06-01T12:00:00Z'); // a still clock: the wait Metabase computes is exact
    const stage = await startStage(test, { sandbox: { now: () => frozen } });
    const { username } = stage.sandbox.credentials;
    for (let i = 0; i < 10; i++)
      expect(await loginAttempt(stage.sandbox.url, stage.sandbox.caPem, username, `wrong-password-${i}`)).toBe(401);
    const config = stage.config('password');
    const check = await stage.invoke(cli, { command: 'check', config });
    expect(check.exitCode).toBe(0);
    const [status] = check.messages.flatMap((m) => (m.type === 'CONNECTION_STATUS' ? [m.connectionStatus] : []));
    expect([status?.status, status?.message]).toEqual(['FAILED', expect.stringMatching(/wait 15 seconds/)]); // the 11th failure
    const run = await stage.invoke(cli, { command: 'read', config });
    expectOneCause(run, /^Metabase refused to log in .*Too many attempts!.*wait 42 seconds/); // the 12th: 15 x 2^1.5
    expect(stage.sandbox.stats().failedLogins).toBe(12);
  }, 120_000);
});

// Alone, not beside the other reads: the ceiling counts logins in a minute of the connector's real clock, and 30 logins
// must fall within it even on a loaded machine (about 6 s here at a load average of 58).
describe('session suite: the login ceiling', () => {
  it('the login ceiling: sessions that end after every request stop at 30 logins a minute with a clear error', async (test) => {
    const stage = await startStage(test, { sandbox: { sessionMaxRequests: 1 } });
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('password') });
    expectOneCause(
      run,
      /^Metabase ended the connector's sessions so often that it logged in 30 times within a minute.*MAX_SESSION_AGE/,
      completeStreams(run),
    );
    expect(stage.sandbox.stats().logins).toBe(30);
    expect(summaryLine(run)).toMatch(/, 30 logins\.$/);
  }, 120_000);
});
