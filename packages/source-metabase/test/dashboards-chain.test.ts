// The dashboards chain (collections -> items -> dashboard details) at a few hundred requests: it runs several
// requests at once but never more than the client's limit, emits records in the same order whatever the timing,
// and retries a failed request alone (each injected fault costs exactly one extra request).
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { readSource } from '@mb-airbyte/http-source-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from './support/counting-proxy.js';
import { expectedRecords, fastSource, recordsByStream, sandboxConfig } from './support/sandbox-source.js';

const chain = ['collections_items_dashboards', 'dashboards', 'dashboard_cards'];
const source = fastSource();
let sandbox: Sandbox;
let proxy: CountingProxy;

beforeAll(async () => {
  // Scale 4: 112 collections and 32 dashboards (110 and 30 not archived); Retry-After 0 keeps injected 429s from sleeping.
  sandbox = await startSandbox({ seed: 11, scale: 4, retryAfterSeconds: 0 });
  proxy = await startCountingProxy(Number(new URL(sandbox.origin).port));
});
afterAll(async () => {
  await proxy.close();
  await sandbox.stop();
});

function ids(records: readonly Record<string, unknown>[] | undefined): unknown[] {
  return (records ?? []).map((record) => record.id);
}

describe('the dashboards chain', () => {
  let baselineRequests = 0;
  let baseline: Map<string, Record<string, unknown>[]>;

  beforeAll(async () => {
    sandbox.resetStats();
    const config = sandboxConfig(sandbox, 'admin_api_key', { instance_api_url: `https://127.0.0.1:${proxy.port}` });
    const output = await readSource(source, { config, streams: chain });
    expect(output.exitCode).toBe(0);
    baseline = recordsByStream(output);
    baselineRequests = sandbox.stats().requests;
  });

  it('emits every dashboard and dashcard once, in collection-listing order', () => {
    const expected = expectedRecords(sandbox);
    for (const name of chain)
      expect(ids(baseline.get(name)), name).toEqual(ids(expected[name as keyof typeof expected]));
    expect(baseline.get('dashboards')?.length).toBe(sandbox.expected.dashboardCount());
  });

  it('makes one items request per collection and chain, and one detail request per dashboard for both dashboard streams', () => {
    const stats = sandbox.stats().requestsByRoute;
    const collections = sandbox.expected.collectionCount();
    const itemRequests = (stats['GET /api/collection/:id/items'] ?? 0) + (stats['GET /api/collection/root/items'] ?? 0);
    // collections_items_dashboards reads its chain; dashboards and dashboard_cards share one read of theirs.
    expect(itemRequests).toBe(2 * collections);
    expect(stats['GET /api/dashboard/:id']).toBe(sandbox.expected.dashboardCount());
  });

  it('runs requests side by side, within the client limit of 8 (+1 for logins)', () => {
    expect(proxy.maxOpen()).toBeGreaterThanOrEqual(3);
    expect(proxy.maxOpen()).toBeLessThanOrEqual(9);
  });

  it('with a flaky server: the same records in the same order, and each failure retried alone', async () => {
    sandbox.setFaults('flaky', 0.25);
    sandbox.resetStats();
    try {
      const output = await readSource(source, { config: sandboxConfig(sandbox, 'admin_api_key'), streams: chain });
      expect(output.exitCode).toBe(0);
      const records = recordsByStream(output);
      for (const name of chain) expect(records.get(name), name).toEqual(baseline.get(name));
      const stats = sandbox.stats();
      expect(stats.faultsInjected).toBeGreaterThan(10);
      expect(stats.requests).toBe(baselineRequests + stats.faultsInjected);
    } finally {
      sandbox.setFaults('none');
    }
  });
});
