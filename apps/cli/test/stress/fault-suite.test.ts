import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '@mb-airbyte/metabase-sandbox';
import { configuredCatalog, errorTraces, finalStatuses, parseMessage, recordDataByKey, records, recordsByKey, streamErrors } from './support/messages.js';
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
const everyStream = ['cards', 'collections', 'dashboards', 'collections_items_dashboards', 'users', 'databases', 'native_query_snippets', 'tables', 'segments', 'permission_groups', 'alerts', 'dashboard_cards'];

/** Asserts two reads emitted the same rows: per stream, the same primary keys, each exactly once, with the same data. */
function expectSameRecords(run: StressRun, clean: StressRun): void {
  for (const [stream, keys] of recordsByKey(run)) {
    const doubled = [...keys].filter(([, count]) => count > 1).map(([key]) => key);
    expect(doubled, `${stream}: primary keys emitted more than once`).toEqual([]);
  }
  expect(recordDataByKey(run)).toEqual(recordDataByKey(clean));
}

function requestsTo(stage: { front: { requests: { method: string; url: string }[] } }, method: string, path: string): number {
  return stage.front.requests.filter((r) => r.method === method && r.url.split('?')[0] === path).length;
}

describe.concurrent('fault suite: the built CLI against a misbehaving Metabase', () => {
  it('flaky sandbox: exit 0 and exactly the records of a clean read, nothing lost, nothing doubled', async (test) => {
    const stage = await startStage(test, { sandbox: { retryAfterSeconds: 0 } });
    const config = stage.config('password');
    const clean = await stage.invoke(cli, { command: 'read', config });
    expect(clean.exitCode).toBe(0);
    expect(Object.keys(recordDataByKey(clean)).sort()).toEqual([...everyStream].sort());
    expectSameRecords(clean, clean);

    stage.sandbox.setFaults('flaky', 0.2);
    const flaky = await stage.invoke(cli, { command: 'read', config });
    expect(stage.sandbox.stats().faultsInjected, 'faults the sandbox injected').toBeGreaterThan(10);
    expect(errorTraces(flaky)).toEqual([]);
    expect(flaky.exitCode).toBe(0);
    expect(new Set(Object.values(finalStatuses(flaky)))).toEqual(new Set(['COMPLETE']));
    expectSameRecords(flaky, clean);
  }, 90_000);

  it('down sandbox: each failing stream ends INCOMPLETE with its ERROR trace, the others complete, exit 1', async (test) => {
    // The card and table routes go to a second sandbox that is down (503s and resets); the rest to a healthy one.
    const down = await startSandbox({ seed: 11, faults: 'down' });
    const stage = await startStage(test, { routes: () => ({ 'GET /api/card': down, 'GET /api/table': down }) });
    const run = await stage.invoke(cli, { command: 'read', config: stage.config('api_key'), catalog: ['cards', 'databases', 'tables', 'segments'] }).finally(() => down.stop());

    expect(run.exitCode).toBe(1);
    expect(finalStatuses(run)).toEqual({ cards: 'INCOMPLETE', databases: 'COMPLETE', tables: 'INCOMPLETE', segments: 'COMPLETE' });
    for (const [stream, path] of [['cards', '/api/card'], ['tables', '/api/table']] as const) {
      const attempts = requestsTo(stage, 'GET', path);
      expect(attempts, `${stream}: attempts`).toBeGreaterThan(1);
      expect(attempts, `${stream}: attempts`).toBeLessThanOrEqual(retryBudget);
      const errors = streamErrors(run, stream);
      expect(errors.map((e) => e.failure_type)).toEqual(['transient_error']);
      expect(errors[0]?.message).toContain(`gave up after ${attempts} attempts`);
    }
    expect(records(run, 'databases').map((r) => r.data.id)).toEqual(stage.sandbox.expected.databases().map((d) => d.id));
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
    for (const stream of everyStream) expect(statuses[stream], stream).toBe(adminOnly.includes(stream) ? 'INCOMPLETE' : 'COMPLETE');
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
      const config = await cli.file('config.json', { instance_api_url: sandbox.url, api_key: sandbox.credentials.adminApiKey, ca_certificate: sandbox.caPem });
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

