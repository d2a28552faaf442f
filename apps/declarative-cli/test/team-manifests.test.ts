// Three manifests written for this project (examples/, MIT) run end to end through the built command against the
// Metabase sandbox: paging with an error handler under injected faults, parent partitions with a transformation,
// and an incremental DatetimeBasedCursor whose state is shaped as the Python CDK writes it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, recordsOf, runCommand, type CommandRun } from './support/run-command.js';

const bin = fileURLToPath(new URL('../dist/source-declarative-manifest.js', import.meta.url));
const example = (name: string): string => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));
if (!existsSync(bin)) console.warn('team manifests through the command: skipped, run pnpm build first');

let sandbox: Sandbox;
let work: string;
const file = (name: string): string => join(work, name);
const catalog = (streams: string[], syncMode: 'full_refresh' | 'incremental' = 'full_refresh'): string =>
  JSON.stringify({
    streams: streams.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
      sync_mode: syncMode,
      destination_sync_mode: 'append',
    })),
  });

async function read(manifest: string, catalogFile: string, extra: string[] = []): Promise<CommandRun> {
  const run = await runCommand(
    bin,
    ['read', '--config', file('config.json'), '--catalog', catalogFile, '--manifest', example(manifest), ...extra],
    { NODE_EXTRA_CA_CERTS: sandbox.caFile },
  );
  expect(run.badLines).toEqual([]);
  return run;
}

describe.skipIf(!existsSync(bin))('team manifests through source-declarative-manifest', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 9, retryAfterSeconds: 0 });
    work = await mkdtemp(join(tmpdir(), 'declarative-team-'));
    await writeFile(
      file('config.json'),
      JSON.stringify({ instance_api_url: sandbox.url, api_key: sandbox.credentials.adminApiKey, page_size: 7 }),
    );
  });
  afterAll(async () => {
    await sandbox.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('paging with OffsetIncrement, its error handler retrying injected 429/502/503s and resets: every record, once', async () => {
    await writeFile(file('users.json'), catalog(['users', 'databases']));
    sandbox.setFaults('flaky', 0.3);
    sandbox.resetStats();
    const run = await read('metabase-users-paged.yaml', file('users.json'));
    const stats = sandbox.stats();
    sandbox.setFaults('none');
    expect([run.exitCode, errorsOf(run)]).toEqual([0, []]);
    expect(recordsOf(run, 'users').map((u) => u.id)).toEqual(sandbox.expected.users().map((u) => u.id));
    expect(recordsOf(run, 'databases')).toEqual(sandbox.expected.databases());
    expect(stats.faultsInjected).toBeGreaterThan(0);
    // Pages of 7 (limit/offset): at least one request per page, more with the retries.
    expect(stats.requestsByRoute['GET /api/user']).toBeGreaterThanOrEqual(
      Math.ceil(sandbox.expected.users().length / 7),
    );
  });

  it('parent partitions: one items request per collection, records in collection order, tagged by AddFields', async () => {
    await writeFile(file('items.json'), catalog(['collection_items']));
    const run = await read('metabase-collection-items.yaml', file('items.json'));
    expect([run.exitCode, errorsOf(run)]).toEqual([0, []]);
    const expected = sandbox.expected
      .collections()
      .flatMap((c) =>
        sandbox.expected.collectionItems(c.id as number | 'root').map((item) => [c.id, item.model, item.id]),
      );
    expect(recordsOf(run, 'collection_items').map((item) => [item.collection_id, item.model, item.id])).toEqual(
      expected,
    );
  });

  it('incremental DatetimeBasedCursor: state {updated_at: latest, in datetime_format}; the next read emits only what changed', async () => {
    await writeFile(file('cards.json'), catalog(['cards'], 'incremental'));
    const first = await read('metabase-cards-incremental.yaml', file('cards.json'));
    expect([first.exitCode, errorsOf(first)]).toEqual([0, []]);
    const cards = sandbox.expected.cards();
    expect(recordsOf(first, 'cards')).toHaveLength(cards.length);
    const latest = Math.max(...cards.map((c) => Date.parse(c.updated_at as string)));
    const stateMessages = first.messages.flatMap((m) => (m.type === 'STATE' ? [m.state] : []));
    expect(stateMessages.at(-1)?.stream?.stream_state).toEqual({
      updated_at: new Date(latest).toISOString().replace('Z', '000Z'),
    });

    const touched = cards[0]?.id as number;
    sandbox.mutate.touchCard(touched, new Date(latest + 86_400_000));
    await writeFile(file('state.json'), JSON.stringify(stateMessages));
    const second = await read('metabase-cards-incremental.yaml', file('cards.json'), ['--state', file('state.json')]);
    expect([second.exitCode, errorsOf(second)]).toEqual([0, []]);
    const emitted = recordsOf(second, 'cards').map((c) => c.id);
    expect(emitted).toContain(touched);
    expect(emitted.length).toBeLessThanOrEqual(2); // the touched card, and the one holding the saved cursor (>= keeps ties)
    const next = second.messages.filter((m) => m.type === 'STATE').at(-1);
    expect(next?.type === 'STATE' && next.state.stream?.stream_state).toEqual({
      updated_at: new Date(latest + 86_400_000).toISOString().replace('Z', '000Z'),
    });
  });
});
