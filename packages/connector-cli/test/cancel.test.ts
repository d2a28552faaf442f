import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { main } from '../src/index.js';
import { FINAL_FLUSH_WITHIN_MS } from '../src/cancel-signals.js';
import { memoryIo, MemoryStream, type MemoryIo } from '../src/testing/memory-io.js';
import { toyOptions, type ToyHooks } from './support/toy-source.js';

// Cancellation in-process (runCli's signal handling is tested through built bins: apps/cli's test/stress/hangs-suite
// and apps/declarative-cli's cancel test).
let dir = '';
let config = '';
const run = (argv: string[], io: MemoryIo, hooks: ToyHooks = {}) => main(argv, io, toyOptions(hooks));
const describeLine = (m: AirbyteMessage): string => {
  if (m.type === 'RECORD') return `RECORD ${m.record.stream}`;
  if (m.type === 'TRACE' && m.trace.type === 'STREAM_STATUS')
    return `${m.trace.stream_status.status} ${m.trace.stream_status.stream_descriptor.name}`;
  if (m.type === 'LOG') return `LOG ${m.log.level}`;
  return m.type === 'TRACE' ? `TRACE ${m.trace.type}` : m.type;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'connector-cli-cancel-'));
  config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ token: 'tok-cancel-secret', count: 2 }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a cancelled read', () => {
  it('ends with INCOMPLETE for the stream in progress, and the runner writes nothing after the signal', async () => {
    const io = memoryIo();
    const code = await run(['read', '--config', config], io, {
      onLetters: async () => {
        await io.cancel()?.('SIGTERM');
      },
    });
    expect(code).toBe(0); // main finished; the bin exits 143 once the handler has resolved
    const lines = io.messages().map(describeLine);
    expect(lines.filter((line) => line !== 'LOG INFO')).toEqual([
      'STARTED numbers',
      'RUNNING numbers',
      'RECORD numbers',
      'RECORD numbers',
      'STATE',
      'COMPLETE numbers',
      'STARTED letters',
      'LOG WARN',
      'INCOMPLETE letters',
    ]);
    const log = io.messages().find((m) => m.type === 'LOG' && m.log.level === 'WARN');
    expect(log?.type === 'LOG' ? log.log.message : '').toBe(
      'Cancelled by SIGTERM: stopped reading; streams in progress are INCOMPLETE: letters.',
    );
    expect(io.cancel()).toBeUndefined(); // unsubscribed at the end
  });

  it('outside a read there is nothing to mark: only the note', async () => {
    const io = memoryIo();
    let cancelled: Promise<void> | undefined;
    const toy = toyOptions();
    const code = await main(['check', '--config', config], io, {
      ...toy,
      loadSource: () => {
        cancelled = io.cancel()?.('SIGINT');
        return toy.loadSource();
      },
    });
    await cancelled;
    expect(code).toBe(0);
    expect(io.messages().map(describeLine)).toEqual(['LOG WARN']);
  });

  it('gives up on an output that takes nothing, within the bound', async () => {
    const stuck = new MemoryStream({ highWaterMark: 1 });
    stuck._write = () => undefined; // never done: a reader that stopped reading
    const io = memoryIo({ stdout: stuck });
    let handled: number | undefined;
    const reading = run(['read', '--config', config], io, {
      onLetters: async () => {
        const started = performance.now();
        await io.cancel()?.('SIGTERM');
        handled = performance.now() - started;
      },
    });
    await expect.poll(() => handled, { timeout: 30_000 }).toBeDefined();
    expect(handled).toBeGreaterThanOrEqual(FINAL_FLUSH_WITHIN_MS - 50);
    void reading; // stays pending on the stuck output; the bin would exit here
  });
});
