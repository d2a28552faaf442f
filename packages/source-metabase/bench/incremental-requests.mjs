// Requests (by route), records and time of a full-refresh read against incremental reads of the same sandbox:
// the first incremental read, an unchanged instance, and one card touched plus one dashboard added.
// Usage (after `pnpm turbo run build --filter=@mb-airbyte/source-metabase...`):
//   node bench/incremental-requests.mjs [--scale 100] [--streams cards,dashboards,...]
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '@mb-airbyte/metabase-sandbox';
import { readSource } from '@mb-airbyte/http-source-kit/testing';
import { createMetabaseSource } from '@mb-airbyte/source-metabase';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const scale = Number(option('--scale', '100'));
const streams = option('--streams', 'cards,dashboards,databases,native_query_snippets,tables,segments,alerts').split(
  ',',
);

const sandbox = await startSandbox({ seed: 1, scale });
const config = {
  instance_api_url: sandbox.url,
  api_key: sandbox.credentials.adminApiKey,
  ca_certificate: sandbox.caPem,
};
const source = createMetabaseSource();

async function measure(label, options) {
  sandbox.resetStats();
  const started = performance.now();
  const output = await readSource(source, { config, streams, ...options });
  const seconds = (performance.now() - started) / 1000;
  if (output.exitCode !== 0) throw new Error(`${label}: exit ${output.exitCode}`);
  const stats = sandbox.stats();
  const byRoute = Object.fromEntries(Object.entries(stats.requestsByRoute).sort(([a], [b]) => a.localeCompare(b)));
  process.stdout.write(
    `${JSON.stringify({ label, scale, seconds: Number(seconds.toFixed(2)), records: output.records.length, requests: stats.requests, byRoute })}\n`,
  );
  return output;
}

try {
  await measure('full refresh', { syncMode: 'full_refresh' });
  const first = await measure('incremental, first read (no state)', { syncMode: 'incremental' });
  const unchanged = await measure('incremental, unchanged instance', { syncMode: 'incremental', state: first.states });
  const cardId = sandbox.expected.cards()[0].id;
  sandbox.mutate.touchCard(cardId, new Date('2025-06-01T00:00:00.000Z'));
  sandbox.mutate.addDashboard('root', 'Bench Board');
  await measure('incremental, 1 card touched + 1 dashboard added', {
    syncMode: 'incremental',
    state: unchanged.states,
  });
} finally {
  await sandbox.stop();
}
