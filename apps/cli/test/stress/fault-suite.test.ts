import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '@mb-airbyte/metabase-sandbox';
import {
  configuredCatalog,
  errorTraces,
  everyStream,
  finalStatuses,
  parseMessage,
  recordDataByKey,
  records,
  recordsByKey,
  streamErrors,
} from './support/messages.js';
import { findLeaks } from './support/secret-leaks.js';
import { readSlowly } from './support/slow-reader.js';
import { startStage } from './support/stage.js';
import { bundleFile, createStressCli, type StressCli, type StressRun } from './support/stress-cli.js';

// Proof under stress, through the built CLI against the sandbox at scale 1 (the slow-consumer test at a larger
// scale). Every run also passes the checks of stress-cli.ts: protocol lines only on stdout, no stack trace on stderr,
// and no configured secret or session id issued at run time on either, raw or encoded.

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

/** The kit's default retry budget: attempts per request, the first included. */
const retryBudget = 6;

/** Asserts two reads emitted the same rows: per stream, the same primary keys, each exactly once, with the same data. */
function expectSameRecords(run: StressRun, clean: StressRun): void {
  for (const [stream, keys] of recordsByKey(run)) {
    const doubled = [...keys].filter(([, count]) => count > 1).map(([key]) => key);
    expect(doubled, `${stream}: primary keys emitted more than once`).toEqual([]);
  }
  expect(recordDataByKey(run)).toEqual(recordDataByKey(clean));
}

function requestsTo(
  stage: { front: { requests: { method: string; url: string }[] } },
  method: string,
  path: string,
): number {
  return stage.front.requests.filter((r) => r.method === method && r.url.split('?')[0] === path).length;
}

describe.concurrent('fault suite: the built CLI against a misbehaving Metabase', () => {
  // Seeds chosen so that, between them, the faults fall on every list route as well as the partition routes.
  it.for([
    [0.1, 5],
    [0.2, 10],
    [0.3, 2],
  ])(
    'flaky sandbox at %s of requests on every route (seed %s, gzip, logins too): exit 0 and the records of a clean read by primary key',
    { timeout: 180_000 },
    async ([rate = 0, seed = 0], test) => {
      // Gzip as Metabase sends it; a short Retry-After keeps the injected 429s (honoured) from stretching CI.
      const stage = await startStage(test, { sandbox: { seed, gzip: true, retryAfterSeconds: 1 } });
      const config = stage.config('password');
      const clean = await stage.invoke(cli, { command: 'read', config });
      expect(clean.exitCode).toBe(0);
      expect(Object.keys(recordDataByKey(clean)).sort()).toEqual([...everyStream].sort());
      expectSameRecords(clean, clean);

      stage.sandbox.resetStats();
      stage.sandbox.setFaults('flaky', rate);
      const flaky = await stage.invoke(cli, { command: 'read', config, timeoutMs: 170_000 });
      const stats = stage.sandbox.stats();
      expect(errorTraces(flaky)).toEqual([]);
      expect(flaky.exitCode).toBe(0);
      expect(new Set(Object.values(finalStatuses(flaky)))).toEqual(new Set(['COMPLETE']));
      expectSameRecords(flaky, clean);
      // Faults fell on several routes, of several kinds (all five from 20%), about `rate` of all requests.
      expect(stats.faultsInjected / stats.requests).toBeGreaterThan(rate / 2);
      expect(Object.keys(stats.faultsByKind).length).toBeGreaterThanOrEqual(rate < 0.2 ? 3 : 5);
      expect(Object.keys(stats.faultsByRoute).length).toBeGreaterThanOrEqual(3);
      // Each fault was retried once (but a logout, a courtesy at the end, is tried once), and each retry is a WARN line
      // saying why and which attempt comes next.
      const retries = flaky.messages.flatMap((m) =>
        m.type === 'LOG' && m.log.level === 'WARN' && /; attempt \d+ of 6 in /.test(m.log.message)
          ? [m.log.message]
          : [],
      );
      expect(retries).toHaveLength(stats.faultsInjected - (stats.faultsByRoute['DELETE /api/session'] ?? 0));
      for (const line of retries)
        expect(line).toMatch(
          / failed: (HTTP (429 Too Many Requests, Retry-After 1 s|502 Bad Gateway|503 Service Unavailable)|.+ \([A-Z_]+\)); attempt |broke after \d+ records \(.+\); attempt /,
        );
      const compared = Object.values(recordDataByKey(clean)).reduce((sum, rows) => sum + Object.keys(rows).length, 0);
      const kinds = Object.entries(stats.faultsByKind)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ');
      console.info(
        `fault rate ${rate}: ${stats.faultsInjected} faults in ${stats.requests} requests (${kinds}) on ${Object.keys(stats.faultsByRoute).length} routes ` +
          `(${JSON.stringify(stats.faultsByRoute)}); ` +
          `${stats.logins} logins; ${compared} records compared by primary key over ${everyStream.length} streams; read took ${Math.round(flaky.elapsedMs)} ms`,
      );
    },
  );

  it('down sandbox: each failing stream ends INCOMPLETE with its ERROR trace, the others complete, exit 1', async (test) => {
    // The card and table routes go to a second sandbox that is down (503s and resets); the rest to a healthy one.
    const down = await startSandbox({ seed: 11, faults: 'down' });
    const stage = await startStage(test, { routes: () => ({ 'GET /api/card': down, 'GET /api/table': down }) });
    const run = await stage
      .invoke(cli, {
        command: 'read',
        config: stage.config('api_key'),
        catalog: ['cards', 'databases', 'tables', 'segments'],
      })
      .finally(() => down.stop());

    expect(run.exitCode).toBe(1);
    expect(finalStatuses(run)).toEqual({
      cards: 'INCOMPLETE',
      databases: 'COMPLETE',
      tables: 'INCOMPLETE',
      segments: 'COMPLETE',
    });
    for (const [stream, path] of [
      ['cards', '/api/card'],
      ['tables', '/api/table'],
    ] as const) {
      const attempts = requestsTo(stage, 'GET', path);
      expect(attempts, `${stream}: attempts`).toBeGreaterThan(1);
      expect(attempts, `${stream}: attempts`).toBeLessThanOrEqual(retryBudget);
      const errors = streamErrors(run, stream);
      expect(errors.map((e) => e.failure_type)).toEqual(['transient_error']);
      expect(errors[0]?.message).toContain(`gave up after ${attempts} attempts`);
    }
    expect(records(run, 'databases').map((r) => r.data.id)).toEqual(
      stage.sandbox.expected.databases().map((d) => d.id),
    );
    expect(records(run, 'segments').map((r) => r.data.id)).toEqual(stage.sandbox.expected.segments().map((s) => s.id));
    const [summary, ...more] = streamErrors(run, undefined);
    expect(more).toEqual([]);
    expect(summary?.message).toMatch(/did not sync successfully: cards, tables\.$/);
    expect(summary?.failure_type).toBe('transient_error');
  }, 90_000);

  it('a body that always ends early: retried within the budget, then a clear transient_error', async (test) => {
    const stage = await startStage(test, { sandbox: { faults: 'truncated' } });
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('api_key'), catalog: ['cards'] });

    expect(run.exitCode).toBe(1);
    expect(finalStatuses(run)).toEqual({ cards: 'INCOMPLETE' });
    expect(stage.sandbox.stats().requestsByRoute['GET /api/card']).toBe(retryBudget);
    const [error, ...more] = streamErrors(run, 'cards');
    expect(more).toEqual([]);
    expect(error?.failure_type).toBe('transient_error');
    expect(error?.message).toMatch(/cards/);
    expect(error?.message).toMatch(/ended early/);
    // Whatever was emitted before giving up was emitted once.
    expect([...(recordsByKey(run).get('cards')?.values() ?? [])].every((count) => count === 1)).toBe(true);
  }, 90_000);

  it('non-admin API key: the admin-only streams fail alone, with a permission message', async (test) => {
    const stage = await startStage(test);
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('user_api_key') });

    expect(run.exitCode).toBe(1);
    const statuses = finalStatuses(run);
    const adminOnly = ['users', 'permission_groups'];
    for (const stream of everyStream)
      expect(statuses[stream], stream).toBe(adminOnly.includes(stream) ? 'INCOMPLETE' : 'COMPLETE');
    for (const stream of adminOnly) {
      const [error, ...more] = streamErrors(run, stream);
      expect(more).toEqual([]);
      expect(error?.failure_type).toBe('config_error');
      expect(error?.message).toMatch(/needs an administrator/);
    }
    expect(streamErrors(run, undefined)[0]?.message).toMatch(/did not sync successfully: users, permission_groups\.$/);
  }, 30_000);

  it('a stdout consumer that reads slowly: memory stays bounded, no line lost or split', async () => {
    // About 40 MB of records. A CLI that ignored back-pressure would hold most of it in memory while the reader
    // waits (measured: ~200 MB for a writer that never waits for 'drain'); this one stays near its idle size.
    const sandbox = await startSandbox({ seed: 11, scale: 500 });
    try {
      const config = await cli.file('config.json', {
        instance_api_url: sandbox.url,
        api_key: sandbox.credentials.adminApiKey,
        ca_certificate: sandbox.caPem,
      });
      const catalog = await cli.file('catalog.json', configuredCatalog(['cards']));
      const ids: unknown[] = [];
      const badLines: string[] = [];
      const leaks: string[] = [];
      const secrets = [{ name: 'configured api_key', value: sandbox.credentials.adminApiKey }];
      const result = await readSlowly(['read', '--config', config, '--catalog', catalog], {
        cliFile: bundleFile,
        cwd: tmpdir(),
        env: { PATH: process.env.PATH ?? '' },
        initialPauseMs: 3_000,
        pauseEveryBytes: 1 << 20,
        pauseMs: 20,
        timeoutMs: 60_000,
        onLine: (line) => {
          leaks.push(...findLeaks(line, secrets));
          const message = parseMessage(line);
          if (message === undefined) badLines.push(line.slice(0, 200));
          else if (message.type === 'RECORD') ids.push(message.record.data.id);
        },
      });

      expect(result.exitCode, result.stderr).toBe(0);
      expect(badLines).toEqual([]);
      expect(result.unterminatedTail).toBe('');
      expect([...leaks, ...findLeaks(result.stderr, secrets)]).toEqual([]);
      expect(result.stdoutBytes).toBeGreaterThan(20_000_000);
      const expected = Array.from(sandbox.expected.eachCard(), (card) => card.id);
      expect(ids.length).toBe(expected.length);
      expect(ids).toEqual(expected);
      expect(result.rssSamples).toBeGreaterThan(10);
      expect(result.peakRssBytes).toBeLessThan(150 * 1024 * 1024);
    } finally {
      await sandbox.stop();
    }
  }, 90_000);
});
