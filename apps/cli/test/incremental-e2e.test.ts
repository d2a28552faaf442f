import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfiguredAirbyteCatalogSchema, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { spawnConnector, type ConnectorRun } from '@mb-airbyte/connector-cli/testing';
import { incrementalStreams, incrementalWhereSupported } from './support/incremental-catalog.js';

// Incremental sync through the built CLI, as the platform runs it: a configured catalog asking for incremental
// streams, a first read, changes in the sandbox, then a second read given the first read's STATE messages in a
// --state file. The sandbox clock is fixed in 2025 (after its data, before the real time of its Date headers), so
// the second read's records are known exactly: the changed ones plus those at each saved cursor.
const bundle = fileURLToPath(new URL('../dist/source-metabase.js', import.meta.url));

let sandbox: Sandbox;
let work: string;
let cliFile: string;
const clock = Date.parse('2025-01-01T00:00:00.000Z');

const ofType = <T extends AirbyteMessage['type']>(run: ConnectorRun, type: T) =>
  run.messages.filter((m): m is Extract<AirbyteMessage, { type: T }> => m.type === type);
const recordsOf = (run: ConnectorRun, stream: string) =>
  ofType(run, 'RECORD')
    .filter((m) => m.record.stream === stream)
    .map((m) => m.record.data);
const idsOf = (run: ConnectorRun, stream: string) => recordsOf(run, stream).map((record) => record.id);
const sorted = (ids: unknown[]) => [...new Set(ids)].sort((a, b) => Number(a) - Number(b));
const file = (name: string) => join(work, name);
const cli = async (args: string[]) => {
  const run = await spawnConnector(args, {
    cliFile,
    env: { PATH: process.env.PATH ?? '' },
    cwd: tmpdir(),
    timeoutMs: 60_000,
  });
  expect(run.badLines, `stdout lines that are not protocol messages (stderr: ${run.stderr})`).toEqual([]);
  return run;
};
const read = (state?: string) =>
  cli([
    'read',
    '--config',
    file('config.json'),
    '--catalog',
    file('catalog.json'),
    ...(state === undefined ? [] : ['--state', file(state)]),
  ]);
/** Each stream's last saved cursor. */
const savedCursors = (run: ConnectorRun) =>
  new Map(
    ofType(run, 'STATE').map((m) => [
      m.state.stream?.stream_descriptor.name,
      (m.state.stream?.stream_state as { updated_at?: string } | undefined)?.updated_at,
    ]),
  );

describe.skipIf(!existsSync(bundle))(
  `incremental sync with the bundled CLI${existsSync(bundle) ? '' : ' (skipped: run pnpm build first)'}`,
  () => {
    beforeAll(async () => {
      sandbox = await startSandbox({ scale: 1, seed: 13, now: () => clock });
      work = await mkdtemp(join(tmpdir(), 'source-metabase-incremental-'));
      await mkdir(join(work, 'image'));
      cliFile = join(work, 'image', 'source-metabase.js');
      await copyFile(bundle, cliFile);
      await writeFile(
        file('config.json'),
        JSON.stringify({
          instance_api_url: sandbox.url,
          api_key: sandbox.credentials.adminApiKey,
          ca_certificate: sandbox.caPem,
        }),
      );
      // The catalog discover writes, with the seven cursor streams switched to incremental (collections stays full refresh).
      const discovered = await cli([
        'discover',
        '--config',
        file('config.json'),
        '--write-catalog',
        file('catalog.json'),
      ]);
      expect(discovered.exitCode).toBe(0);
      const catalog = ConfiguredAirbyteCatalogSchema.parse(JSON.parse(await readFile(file('catalog.json'), 'utf8')));
      const streams = catalog.streams
        .filter((s) => incrementalStreams.includes(s.stream.name) || s.stream.name === 'collections')
        .map(incrementalWhereSupported);
      await writeFile(file('catalog.json'), JSON.stringify({ streams }));
    });

    afterAll(async () => {
      await sandbox.stop();
      await rm(work, { recursive: true, force: true });
    });

    it("a second run with the first run's state file emits the changed records and those at each saved cursor, nothing else", async () => {
      const first = await read();
      expect(first.exitCode).toBe(0);
      expect(idsOf(first, 'cards')).toEqual(sandbox.expected.cards().map((card) => card.id));
      const cursors = savedCursors(first);
      for (const stream of incrementalStreams) {
        const state = ofType(first, 'STATE').find((m) => m.state.stream?.stream_descriptor.name === stream);
        expect(state?.state.stream?.stream_state, stream).toEqual({
          updated_at: expect.any(String) as string,
          state_version: 1,
        });
        expect(state?.state.sourceStats?.recordCount, stream).toBe(recordsOf(first, stream).length);
      }
      await writeFile(file('state.json'), JSON.stringify(ofType(first, 'STATE').map((m) => m.state)));

      const touched = sandbox.expected.cards()[2]?.id as number;
      sandbox.mutate.touchCard(touched, new Date('2025-02-01T08:00:00.000Z'));
      const added = sandbox.mutate.addDashboard('root', 'Second Run Board').id;
      const second = await read('state.json');
      expect(second.exitCode).toBe(0);

      /** Ids of the first run's records of `stream` whose cursor equals its saved cursor. */
      const atCursor = (stream: string) => {
        const saved = Date.parse(cursors.get(stream) ?? '');
        // A dashboard's cursor is the later of updated_at and its latest revision (last-edit-info.timestamp).
        const cursorOf = (r: Record<string, unknown>) =>
          Math.max(
            Date.parse(String(r.updated_at)),
            stream === 'dashboards' ? Date.parse((r['last-edit-info'] as { timestamp: string }).timestamp) : 0,
          );
        return recordsOf(first, stream)
          .filter((r) => cursorOf(r) === saved)
          .map((r) => r.id);
      };
      expect(sorted(idsOf(second, 'cards'))).toEqual(sorted([touched, ...atCursor('cards')]));
      expect(sorted(idsOf(second, 'dashboards'))).toEqual(sorted([added, ...atCursor('dashboards')]));
      for (const stream of ['databases', 'native_query_snippets', 'tables', 'segments', 'alerts']) {
        expect(sorted(idsOf(second, stream)), stream).toEqual(sorted(atCursor(stream)));
        expect(atCursor(stream).length, stream).toBeGreaterThan(0);
      }
      expect(idsOf(second, 'collections')).toEqual(idsOf(first, 'collections')); // full refresh: everything again
      expect(savedCursors(second).get('cards')).toBe('2025-02-01T08:00:00.000Z');
      expect(savedCursors(second).get('dashboards')).toBe('2025-01-01T00:00:00.000Z'); // the new dashboard, created at the sandbox clock
    });

    it('a state file from a newer format fails those streams with a config_error and exit 1', async () => {
      const newer = incrementalStreams.map((name) => ({
        type: 'STREAM',
        stream: { stream_descriptor: { name }, stream_state: { updated_at: '2024-01-01T00:00:00Z', state_version: 2 } },
      }));
      await writeFile(file('newer.json'), JSON.stringify(newer));
      const run = await read('newer.json');
      expect(run.exitCode).toBe(1);
      expect(ofType(run, 'RECORD').every((m) => m.record.stream === 'collections')).toBe(true);
      const errors = ofType(run, 'TRACE').flatMap((m) =>
        m.trace.type === 'ERROR' && m.trace.error.stream_descriptor !== undefined ? [m.trace.error] : [],
      );
      expect(errors.map((e) => e.stream_descriptor?.name).sort()).toEqual([...incrementalStreams].sort());
      for (const error of errors) {
        expect(error.failure_type).toBe('config_error');
        expect(error.message).toContain(
          'expected {"updated_at": "<date-time>", "state_version": 1}, found state_version 2',
        );
      }
    });
  },
);
