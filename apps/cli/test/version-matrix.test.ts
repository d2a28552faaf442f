// Every Metabase version x application database, through the built CLI as the platform runs it: a full refresh of
// all twelve streams, then an incremental read without state and, after edits, one with the state it saved. Records
// must equal the sandbox's, pass their discovered schemas, and keep byte for byte the numbers no double can hold
// (the sandbox's precision probe sits in every JSON object). Repeat with:
//   pnpm turbo run build --filter=@mb-airbyte/source-metabase-cli && pnpm --filter @mb-airbyte/source-metabase-cli exec vitest run test/version-matrix.test.ts
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfiguredAirbyteCatalogSchema } from '@mb-airbyte/airbyte-protocol';
import {
  APP_DATABASES,
  expectedStreams,
  METABASE_VERSIONS,
  PRECISION_PROBE,
  startSandbox,
  type AppDatabase,
  type JsonRecord,
  type MetabaseVersion,
  type Sandbox,
} from '@mb-airbyte/metabase-sandbox';
import { incrementalStreams, incrementalWhereSupported } from './support/incremental-catalog.js';
import { byId, cliRead, objectsIn, type CliRead } from './support/version-matrix.js';

const bundle = fileURLToPath(new URL('../dist/source-metabase.js', import.meta.url));
/** The sandbox's clock: after its data, before the real time its Date headers show. */
const clock = Date.parse('2025-01-01T00:00:00.000Z');
/** Combinations run at once (each is a sandbox plus one CLI process at a time). */
const parallel = 3;

interface Outcome {
  version: MetabaseVersion;
  appDb: AppDatabase;
  expected: Record<string, JsonRecord[]>;
  liveDashboards: number;
  full: CliRead;
  first: CliRead;
  second: CliRead;
  changed: { card: number; dashboard: number };
}

let work: string | undefined;
let cliFile: string;
let streams: string[] = [];
const validators = new Map<string, ValidateFunction>();
const outcomes = new Map<string, Outcome>();
const combos = METABASE_VERSIONS.flatMap((version) => APP_DATABASES.map((appDb) => ({ version, appDb })));

async function runCombo(version: MetabaseVersion, appDb: AppDatabase, index: number): Promise<Outcome> {
  const sandbox: Sandbox = await startSandbox({
    version,
    appDb,
    precisionProbe: true,
    seed: 20 + index,
    scale: 1,
    now: () => clock,
  });
  try {
    const dir = await mkdtemp(join(workDir(), `${version}-${appDb}-`));
    const file = (name: string): string => join(dir, name);
    // API keys exist from 0.49; H2 runs also log in, so both kinds of credential are read on the newer versions.
    const apiKeys = version !== '0.46' && version !== '0.47' && version !== '0.48' && appDb !== 'h2';
    const credential = apiKeys
      ? { api_key: sandbox.credentials.adminApiKey }
      : { username: sandbox.credentials.username, password: sandbox.credentials.password };
    await writeFile(
      file('config.json'),
      JSON.stringify({
        instance_api_url: sandbox.url,
        ca_certificate: sandbox.caPem,
        include_deactivated_users: true,
        ...credential,
      }),
    );
    const read = (catalog: string, state?: string): Promise<CliRead> =>
      cliRead(cliFile, dir, [
        'read',
        '--config',
        file('config.json'),
        '--catalog',
        join(workDir(), catalog),
        ...(state === undefined ? [] : ['--state', file(state)]),
      ]);
    const expected = expectedStreams(sandbox, { includeDeactivatedUsers: true }); // before any read: on 0.51-0.52 reads move dashboards' updated_at
    const full = await read('full.json');
    const first = await read('incremental.json');
    await writeFile(file('state.json'), JSON.stringify(first.states));
    const card = expected.cards?.[1]?.id as number;
    sandbox.mutate.touchCard(card, new Date('2025-02-01T08:00:00.000Z'));
    const dashboard = sandbox.mutate.addDashboard('root', 'Matrix Board').id;
    const second = await read('incremental.json', 'state.json');
    return {
      version,
      appDb,
      expected,
      liveDashboards: sandbox.expected.dashboardCount(),
      full,
      first,
      second,
      changed: { card, dashboard },
    };
  } finally {
    await sandbox.stop();
  }
}

function workDir(): string {
  if (work === undefined) throw new Error('the work directory is made in beforeAll');
  return work;
}

beforeAll(async () => {
  expect(existsSync(bundle), `${bundle} is missing: the CLI is built before its tests (pnpm build)`).toBe(true);
  const root = await mkdtemp(join(tmpdir(), 'source-metabase-matrix-'));
  work = root;
  await mkdir(join(root, 'image'));
  cliFile = join(root, 'image', 'source-metabase.js');
  await copyFile(bundle, cliFile);
  const sandbox = await startSandbox({ seed: 1 });
  try {
    await writeFile(
      join(root, 'discover-config.json'),
      JSON.stringify({ instance_api_url: sandbox.url, api_key: sandbox.credentials.adminApiKey }),
    );
    const discovered = await cliRead(cliFile, root, [
      'discover',
      '--config',
      join(root, 'discover-config.json'),
      '--write-catalog',
      join(root, 'full.json'),
    ]);
    expect(discovered.exitCode).toBe(0);
  } finally {
    await sandbox.stop();
  }
  const catalog = ConfiguredAirbyteCatalogSchema.parse(JSON.parse(await readFile(join(root, 'full.json'), 'utf8')));
  streams = catalog.streams.map((s) => s.stream.name);
  const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
  for (const s of catalog.streams) validators.set(s.stream.name, ajv.compile(s.stream.json_schema));
  const toIncremental = catalog.streams.map(incrementalWhereSupported);
  await writeFile(join(root, 'incremental.json'), JSON.stringify({ streams: toIncremental }));
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < combos.length; i = next++) {
      const combo = combos[i];
      if (combo === undefined) return;
      const { version, appDb } = combo;
      outcomes.set(`${version}/${appDb}`, await runCombo(version, appDb, i));
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}, 600_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

const outcome = (version: MetabaseVersion, appDb: AppDatabase): Outcome => {
  const found = outcomes.get(`${version}/${appDb}`);
  if (found === undefined) throw new Error(`no run for ${version}/${appDb}`);
  return found;
};
const movesUpdatedAt = (version: MetabaseVersion): boolean => version === '0.51' || version === '0.52';
const withoutUpdatedAt = (records: Map<unknown, JsonRecord>): Map<unknown, JsonRecord> =>
  new Map([...records].map(([id, { updated_at: _ignored, ...rest }]) => [id, rest]));

describe.each(combos)('Metabase $version on $appDb', ({ version, appDb }) => {
  it('reads all twelve streams COMPLETE, exit 0, in every read', () => {
    const { full, first, second } = outcome(version, appDb);
    for (const run of [full, first, second]) {
      expect({ exit: run.exitCode, errors: run.errors, badLines: run.badLines }).toEqual({
        exit: 0,
        errors: [],
        badLines: [],
      });
      expect(Object.fromEntries(run.statuses)).toEqual(Object.fromEntries(streams.map((name) => [name, 'COMPLETE'])));
    }
  });

  it('emits exactly the sandbox records (users once each), valid against the discovered schemas', () => {
    const { full, expected } = outcome(version, appDb);
    for (const name of streams) {
      const records = (full.records.get(name) ?? []).map((record) => record.data);
      const want = expected[name] ?? [];
      expect(records.length, name).toBe(want.length);
      const ours = byId(records);
      expect(ours.size, `${name}: every id once`).toBe(records.length);
      if (name === 'dashboards' && movesUpdatedAt(version))
        expect(withoutUpdatedAt(ours), name).toEqual(withoutUpdatedAt(byId(want)));
      else expect(ours, name).toEqual(byId(want));
      const validate = validators.get(name);
      const invalid = records.filter((record) => validate?.(record) !== true).slice(0, 2);
      expect(
        invalid.map((record) => [record.id, validate?.errors]),
        `${name} schema`,
      ).toEqual([]);
    }
  });

  it('keeps numbers beyond 2^53, beyond double range and long decimals byte for byte in every stream', () => {
    const { full } = outcome(version, appDb);
    for (const name of streams) {
      const records = full.records.get(name) ?? [];
      expect(records.length, name).toBeGreaterThan(0);
      for (const { data, line } of records)
        expect(line.split(PRECISION_PROBE).length - 1, `${name} ${String(data.id)}`).toBe(objectsIn(data));
    }
  });

  it('reads incrementally without skipping: the edited card and the new dashboard come, and saved cursors are dates', () => {
    const { first, second, changed, liveDashboards } = outcome(version, appDb);
    const ids = (run: CliRead, name: string) => (run.records.get(name) ?? []).map((record) => record.data.id);
    expect(ids(second, 'cards')).toContain(changed.card);
    expect(ids(second, 'dashboards')).toContain(changed.dashboard);
    expect(ids(second, 'cards').length).toBeLessThan(ids(first, 'cards').length);
    // 0.51-0.52: every dashboard the first read viewed has a later updated_at, so all come again (documented).
    if (movesUpdatedAt(version)) expect(new Set(ids(second, 'dashboards')).size).toBe(liveDashboards);
    else expect(ids(second, 'dashboards').length).toBeLessThan(ids(first, 'dashboards').length);
    for (const state of first.states.filter((s) =>
      incrementalStreams.includes(s.stream?.stream_descriptor.name ?? ''),
    )) {
      const cursor = (state.stream?.stream_state as { updated_at?: unknown } | undefined)?.updated_at;
      expect(typeof cursor === 'string' && Number.isFinite(Date.parse(cursor)), String(cursor)).toBe(true);
    }
  });
});
