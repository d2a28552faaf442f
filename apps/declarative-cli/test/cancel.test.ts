// SIGTERM during a read of the built command (runCli's process wiring): the platform cancels a sync that way, and
// the command must end within the bound with exit 143, whole protocol lines and INCOMPLETE for the stream it was in.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { EXIT_WITHIN_MS } from '@mb-airbyte/connector-cli';
import { spawnConnector } from '@mb-airbyte/connector-cli/testing';
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/source-declarative-manifest.js', import.meta.url));
const manifest = fileURLToPath(new URL('../examples/metabase-users-paged.yaml', import.meta.url));
if (!existsSync(bin)) console.warn('cancel through the command: skipped, run pnpm build first');

let sandbox: Sandbox;
let work: string;

describe.skipIf(!existsSync(bin))('source-declarative-manifest cancelled by SIGTERM', () => {
  beforeAll(async () => {
    // Slow answers (about 200 ms each) and pages of 2 keep the read going long after its first record.
    sandbox = await startSandbox({ seed: 9, scale: 3, faults: 'slow', slowLatencyMs: 200 });
    work = await mkdtemp(join(tmpdir(), 'declarative-cancel-'));
    await writeFile(
      join(work, 'config.json'),
      JSON.stringify({ instance_api_url: sandbox.url, api_key: sandbox.credentials.adminApiKey, page_size: 2 }),
    );
  });
  afterAll(async () => {
    await sandbox.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('ends within the bound with exit 143, INCOMPLETE for the stream in progress, and nothing after it', async () => {
    let child: ChildProcess | undefined;
    let signalledAtMs: number | undefined;
    const run = await spawnConnector(['read', '--manifest', manifest, '--config', join(work, 'config.json')], {
      cliFile: bin,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: sandbox.caFile },
      timeoutMs: 60_000,
      onStart: (started) => (child = started),
      onMessage: (message, _line, atMs) => {
        if (message.type !== 'RECORD' || signalledAtMs !== undefined) return;
        signalledAtMs = atMs;
        child?.kill('SIGTERM');
      },
    });
    expect(signalledAtMs, `the read never emitted a record (stderr: ${run.stderr.slice(0, 2000)})`).toBeDefined();
    expect(run.badLines).toEqual([]);
    expect(run.exitCode).toBe(143);
    expect(run.elapsedMs - (signalledAtMs ?? 0), 'ms from SIGTERM to exit').toBeLessThanOrEqual(EXIT_WITHIN_MS + 500);
    const recordsOf = (stream: string) =>
      run.messages.filter((m) => m.type === 'RECORD' && m.record.stream === stream).length;
    expect(recordsOf('users')).toBeGreaterThan(0);
    expect(recordsOf('users')).toBeLessThan(sandbox.expected.users().length);
    const [warn, ...rest] = run.messages.slice(
      run.messages.findIndex((m) => m.type === 'LOG' && m.log.level === 'WARN'),
    );
    expect(warn?.type === 'LOG' ? warn.log.message : undefined).toBe(
      'Cancelled by SIGTERM: stopped reading; streams in progress are INCOMPLETE: users.',
    );
    expect(
      rest.map((m) =>
        m.type === 'TRACE' && m.trace.type === 'STREAM_STATUS'
          ? `${m.trace.stream_status.status} ${m.trace.stream_status.stream_descriptor.name}`
          : m.type,
      ),
    ).toEqual(['INCOMPLETE users']);
  });
});
