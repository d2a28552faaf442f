import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import type { ImageFixture } from '../src/testing/image-fixture.js';
import { spawnConnector, type ConnectorRun } from '../src/testing/spawn-connector.js';
import { connector, loadFixture, runContainer } from './image-under-test.js';

// spec, check, discover and read inside the image with the settings of Airbyte's job pods (uid 1000, no
// capabilities, no new privileges, read-only root filesystem, 256 MB), inputs mounted read-only under /data, against
// the connector's fixture server on the host; each run is compared with the same command run by the bundle directly.
const { bundle } = connector;
let fixture: ImageFixture;
let work = '';

/** The command in the image (paths under /data) and by the bundle (paths in the work folder). */
async function both(args: (dir: string) => string[]): Promise<{ inside: ConnectorRun; outside: ConnectorRun }> {
  const inside = await runContainer(args('/data'), { data: work, timeoutMs: 120_000 });
  const outside = await spawnConnector(args(work), {
    cliFile: bundle,
    env: { PATH: process.env.PATH ?? '' },
    timeoutMs: 120_000,
  });
  expect(
    inside.badLines,
    `stdout lines that are not protocol messages (stderr: ${inside.stderr.slice(0, 2000)})`,
  ).toEqual([]);
  expect(outside.badLines).toEqual([]);
  expect(inside.exitCode, `exit code inside the image (stderr: ${inside.stderr.slice(0, 2000)})`).toBe(
    outside.exitCode,
  );
  return { inside, outside };
}

const kinds = (run: ConnectorRun) => run.messages.map((m) => (m.type === 'TRACE' ? `TRACE ${m.trace.type}` : m.type));
const without = (run: ConnectorRun, ...types: AirbyteMessage['type'][]) =>
  run.messages.filter((m) => !types.includes(m.type));
const errorTypes = (run: ConnectorRun) =>
  run.messages.flatMap((m) => (m.type === 'TRACE' && m.trace.type === 'ERROR' ? [m.trace.error.failure_type] : []));

/** Per stream: the record data in order, the stream statuses, the number of states. */
function readSummary(run: ConnectorRun): Record<string, { records: string[]; statuses: string[]; states: number }> {
  const summary: Record<string, { records: string[]; statuses: string[]; states: number }> = {};
  const of = (stream: string) => (summary[stream] ??= { records: [], statuses: [], states: 0 });
  for (const m of run.messages) {
    if (m.type === 'RECORD') of(m.record.stream).records.push(JSON.stringify(m.record.data));
    if (m.type === 'STATE' && m.state.stream !== undefined) of(m.state.stream.stream_descriptor.name).states += 1;
    if (m.type === 'TRACE' && m.trace.type === 'STREAM_STATUS')
      of(m.trace.stream_status.stream_descriptor.name).statuses.push(m.trace.stream_status.status);
  }
  return summary;
}

beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: pnpm test:image builds it first`);
  fixture = await (await loadFixture())({ slow: false });
  work = await mkdtemp(join(tmpdir(), 'mb-airbyte-image-protocol-'));
  await chmod(work, 0o755); // the connector runs as uid 1000 inside
  await writeFile(join(work, 'config.json'), JSON.stringify(fixture.config), { mode: 0o644 });
  await writeFile(join(work, 'wrong-password.json'), JSON.stringify(fixture.failingConfig), { mode: 0o644 });
  const discovered = await spawnConnector(
    ['discover', '--config', join(work, 'config.json'), '--write-catalog', join(work, 'catalog.json')],
    { cliFile: bundle },
  );
  expect(discovered.exitCode).toBe(0);
  await chmod(join(work, 'catalog.json'), 0o644);
}, 120_000);

afterAll(async () => {
  await fixture.stop();
  if (work !== '') await rm(work, { recursive: true, force: true });
});

describe("the image against the connector's fixture, as the platform runs it", () => {
  it('spec: the same SPEC message, exit 0', async () => {
    const { inside, outside } = await both(() => ['spec']);
    expect(inside.exitCode).toBe(0);
    expect(kinds(inside)).toEqual(['SPEC']);
    expect(inside.messages).toEqual(outside.messages);
  });

  it('check: SUCCEEDED with the config, FAILED with the failing one (exit 0 both), as outside', async () => {
    const good = await both((dir) => ['check', '--config', `${dir}/config.json`]);
    expect(good.inside.exitCode).toBe(0);
    expect(without(good.inside, 'LOG')).toEqual(without(good.outside, 'LOG'));
    expect(
      without(good.inside, 'LOG').map((m) => (m.type === 'CONNECTION_STATUS' ? m.connectionStatus.status : m.type)),
    ).toEqual(['SUCCEEDED']);
    const bad = await both((dir) => ['check', '--config', `${dir}/wrong-password.json`]);
    expect(without(bad.inside, 'LOG')).toEqual(without(bad.outside, 'LOG'));
    expect(
      without(bad.inside, 'LOG').map((m) => (m.type === 'CONNECTION_STATUS' ? m.connectionStatus.status : m.type)),
    ).toEqual(['FAILED']);
  });

  it('discover: the same CATALOG', async () => {
    const { inside, outside } = await both((dir) => ['discover', '--config', `${dir}/config.json`]);
    expect(inside.exitCode).toBe(0);
    expect(without(inside, 'LOG')).toEqual(without(outside, 'LOG'));
    expect(kinds(inside).filter((k) => k === 'CATALOG')).toHaveLength(1);
  });

  it('read: the same records, stream statuses and states per stream as the bundle, exit 0', async () => {
    const { inside, outside } = await both((dir) => [
      'read',
      '--config',
      `${dir}/config.json`,
      '--catalog',
      `${dir}/catalog.json`,
    ]);
    expect(errorTypes(inside)).toEqual([]);
    expect(inside.exitCode).toBe(0);
    const summary = readSummary(inside);
    expect(summary).toEqual(readSummary(outside));
    expect(
      Object.values(summary).some((stream) => stream.records.length > 0),
      'the read returned no record at all',
    ).toBe(true);
    const records = Object.fromEntries(
      Object.entries(summary).map(([stream, { records: lines }]) => [
        stream,
        lines.map((line) => JSON.parse(line) as unknown),
      ]),
    );
    fixture.verifyRead?.(records);
  });

  it('failures exit as outside: read with a missing config file or the failing config, a wrong command', async () => {
    const missing = await both((dir) => [
      'read',
      '--config',
      `${dir}/no-such-file.json`,
      '--catalog',
      `${dir}/catalog.json`,
    ]);
    expect(missing.inside.exitCode).toBe(1);
    expect(errorTypes(missing.inside)).toEqual(['config_error']);
    expect(errorTypes(missing.outside)).toEqual(['config_error']);
    const refused = await both((dir) => [
      'read',
      '--config',
      `${dir}/wrong-password.json`,
      '--catalog',
      `${dir}/catalog.json`,
    ]);
    expect(refused.inside.exitCode).toBe(1);
    expect(errorTypes(refused.inside)).toEqual(errorTypes(refused.outside));
    const usage = await both(() => ['no-such-command']);
    expect(usage.inside.exitCode).toBe(2);
    expect(usage.inside.messages).toEqual([]);
  });
});
