import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { call, type CallResult } from './https-call.js';

type Outcome = { kind: 'response'; res: CallResult } | { kind: 'error'; message: string };

async function attempt(sandbox: Sandbox, path: string, headers: Record<string, string>): Promise<Outcome> {
  try {
    return { kind: 'response', res: await call(sandbox, path, { headers }) };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

function describeOutcome(o: Outcome): string {
  // Headers arrived, then the body stopped: 'cut'. No response at all: 'reset'.
  if (o.kind === 'error')
    return o.message === 'aborted' || o.message === 'incomplete body' || o.message.includes('aborted')
      ? 'cut'
      : 'reset';
  if (o.res.status !== 200) return String(o.res.status);
  try {
    JSON.parse(o.res.body);
    return 'ok';
  } catch {
    return 'broken-json';
  }
}

describe('flaky', () => {
  let sandbox: Sandbox;
  let headers: Record<string, string>;
  beforeAll(async () => {
    sandbox = await startSandbox({ faults: 'flaky', faultRate: 0.5, seed: 11 });
    headers = { 'X-API-Key': sandbox.credentials.adminApiKey };
  });
  afterAll(() => sandbox.stop());

  test('every request succeeds within 3 attempts, and every fault kind shows up', async () => {
    const seen = new Set<string>();
    const paths = ['card', 'collection', 'database', 'table', 'segment', 'alert', 'native-query-snippet', 'dashboard'];
    for (let i = 1; i <= 40; i++)
      paths.push(`dashboard/${(i % 8) + 1}?n=${i}`, `collection/root/items?models=dashboard&n=${i}`);
    for (const path of paths) {
      let ok = false;
      for (let n = 1; n <= 3 && !ok; n++) {
        const outcome = await attempt(sandbox, path, headers);
        const kind = describeOutcome(outcome);
        seen.add(kind);
        if (outcome.kind === 'response') {
          if (outcome.res.status === 503)
            expect(outcome.res.body).toBe('Metabase is still initializing. Please sit tight...');
          if (outcome.res.status === 502) expect(outcome.res.body).toContain('<title>502 Bad Gateway</title>');
          if (outcome.res.status === 429) expect(outcome.res.headers['retry-after']).toBe('1');
        }
        ok = kind === 'ok';
      }
      expect(ok, path).toBe(true);
    }
    expect([...seen].sort()).toEqual(['429', '502', '503', 'cut', 'ok', 'reset']);
    expect(sandbox.stats().faultsInjected).toBeGreaterThan(10);
  }, 120_000);

  test('setFaults switches profiles at runtime', async () => {
    sandbox.setFaults('none');
    for (let i = 0; i < 5; i++) expect((await call(sandbox, `card?i=${i}`, { headers })).status).toBe(200);
    sandbox.setFaults('flaky', 0.5);
  });
});

test('down: every route answers 503 or resets, logins and user/current included', async () => {
  const sandbox = await startSandbox({ faults: 'down' });
  try {
    const headers = { 'X-API-Key': sandbox.credentials.adminApiKey };
    const credentials = { username: sandbox.credentials.username, password: sandbox.credentials.password };
    const kinds = new Set<string>();
    for (let i = 0; i < 12; i++) {
      kinds.add(describeOutcome(await attempt(sandbox, 'card', headers)));
      kinds.add(describeOutcome(await attempt(sandbox, 'user/current', headers)));
      const login = await call(sandbox, 'session', { method: 'POST', json: credentials }).then(
        (r) => String(r.status),
        () => 'reset',
      );
      kinds.add(login);
    }
    expect([...kinds].sort()).toEqual(['503', 'reset']);
  } finally {
    await sandbox.stop();
  }
});

test('truncated: data bodies always end early (clean end, broken JSON)', async () => {
  const sandbox = await startSandbox({ faults: 'truncated' });
  try {
    const headers = { 'X-API-Key': sandbox.credentials.adminApiKey };
    for (const path of ['card', 'dashboard/1', 'user']) {
      const res = await call(sandbox, path, { headers });
      expect(res.status).toBe(200);
      expect(() => JSON.parse(res.body) as unknown).toThrow();
      sandbox.setFaults('none');
      const full = await call(sandbox, path, { headers });
      sandbox.setFaults('truncated');
      expect(full.body.startsWith(res.body)).toBe(true);
      expect(res.body.length).toBeLessThan(full.body.length);
    }
  } finally {
    await sandbox.stop();
  }
});

test('slow: still serves correct data (latency is per request, small)', async () => {
  const sandbox = await startSandbox({ faults: 'slow', slowLatencyMs: 5 });
  try {
    const res = await call(sandbox, 'card', { headers: { 'X-API-Key': sandbox.credentials.adminApiKey } });
    expect(JSON.parse(res.body)).toEqual(sandbox.expected.cards());
  } finally {
    await sandbox.stop();
  }
});

test('stats: peakInFlight is the most requests held at once since the last reset', async () => {
  // 'slow' holds each request 0.5-1.5 s, so five sent together overlap even on a loaded machine.
  const sandbox = await startSandbox({ faults: 'slow', slowLatencyMs: 1000 });
  try {
    const headers = { 'X-API-Key': sandbox.credentials.adminApiKey };
    await Promise.all([1, 2, 3, 4, 5].map((id) => call(sandbox, `dashboard/${id}`, { headers })));
    expect(sandbox.stats().peakInFlight).toBe(5);
    sandbox.resetStats();
    await call(sandbox, 'dashboard/1', { headers });
    expect(sandbox.stats().peakInFlight).toBe(1);
  } finally {
    await sandbox.stop();
  }
});
