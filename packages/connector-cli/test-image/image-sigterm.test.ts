import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImageFixture } from '../src/testing/image-fixture.js';
import { engine, loadFixture, runContainer } from './image-under-test.js';

// The platform stops a sync by sending SIGTERM to the container (the connector is its PID 1, which the kernel gives
// no default action for SIGTERM): the container must end within 2 s, with 143 and whole protocol lines.
const run = promisify(execFile);
const name = `mb-airbyte-sigterm-${process.pid}`;
let fixture: ImageFixture;
let work = '';

beforeAll(async () => {
  // The fixture answers slowly, which keeps the read going long after its first record.
  fixture = await (await loadFixture())({ slow: true });
  work = await mkdtemp(join(tmpdir(), 'mb-airbyte-image-sigterm-'));
  await chmod(work, 0o755);
  await writeFile(join(work, 'config.json'), JSON.stringify(fixture.config), { mode: 0o644 });
});

afterAll(async () => {
  await run(engine, ['rm', '--force', '--ignore', name]).catch(() => undefined); // never leave it running
  await fixture.stop();
  if (work !== '') await rm(work, { recursive: true, force: true });
});

it('SIGTERM to the container during read ends it within 2 s, exit 143, stdout whole protocol lines', async () => {
  let signalledAtMs: number | undefined;
  const result = await runContainer(['read', '--config', '/data/config.json'], {
    data: work,
    name,
    timeoutMs: 120_000,
    onMessage: (message, _line, atMs) => {
      if (message.type !== 'RECORD' || signalledAtMs !== undefined) return;
      signalledAtMs = atMs;
      void run(engine, ['kill', '--signal', 'TERM', name]);
    },
  });
  expect(signalledAtMs, `the read never emitted a record (stderr: ${result.stderr.slice(0, 2000)})`).toBeDefined();
  expect(result.badLines).toEqual([]);
  expect(result.exitCode).toBe(143);
  const stoppedInMs = result.elapsedMs - (signalledAtMs ?? 0);
  expect(stoppedInMs, 'ms from SIGTERM to the container gone').toBeLessThanOrEqual(2_000);
});
