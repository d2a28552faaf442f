import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { recordMessage } from '../builders/record-message.js';
import { logMessage } from '../builders/log-message.js';
import { AirbyteMessageSchema } from '../schemas/airbyte-message.js';
import { MessageWriter } from './message-writer.js';

/** A Writable that records every chunk it is given and acknowledges each after `delayMs` (slow consumer). */
function createSink(options: { highWaterMark?: number; delayMs?: number; fail?: Error } = {}) {
  const chunks: string[] = [];
  let maxBufferedInSink = 0;
  const sink = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      chunks.push(chunk);
      maxBufferedInSink = Math.max(maxBufferedInSink, this.writableLength);
      if (options.fail) callback(options.fail);
      else if (options.delayMs === undefined) callback();
      else setTimeout(callback, options.delayMs);
    },
  });
  return {
    sink,
    chunks,
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').slice(0, -1),
    maxBufferedInSink: () => maxBufferedInSink,
  };
}

describe('MessageWriter', () => {
  test('writes one compact JSON line per message, batched, and flush() delivers them', async () => {
    const { sink, chunks, lines } = createSink();
    const writer = new MessageWriter(sink);
    await writer.write(logMessage('INFO', 'a'));
    await writer.write(recordMessage('users', { id: 1 }, { emittedAt: 5 }));
    expect(chunks).toEqual([]); // still batched
    await writer.flush();
    expect(writer.linesWritten).toBe(2);
    expect(lines()).toEqual([
      '{"type":"LOG","log":{"level":"INFO","message":"a"}}',
      '{"type":"RECORD","record":{"stream":"users","data":{"id":1},"emitted_at":5}}',
    ]);
  });

  test('a log message with newlines still prints as one line', async () => {
    const { sink, lines } = createSink();
    const writer = new MessageWriter(sink);
    await writer.write(logMessage('ERROR', 'line 1\nline 2', 'Error\n  at f'));
    await writer.flush();
    expect(lines()).toHaveLength(1);
    expect(AirbyteMessageSchema.parse(JSON.parse(lines()[0] ?? ''))).toMatchObject({
      log: { message: 'line 1\nline 2' },
    });
  });

  test('writeRecordJson prints exactly what write(recordMessage(...)) prints', async () => {
    const cases: [string, Record<string, unknown>, string | undefined][] = [
      ['users', { id: 1, name: 'Zoë "quoted"\n' }, undefined],
      ['odd "stream"\u2028', { a: [1, { b: null }] }, 'ns/1'],
      ['users', {}, ''],
    ];
    for (const [stream, data, namespace] of cases) {
      const fast = createSink();
      const slow = createSink();
      const fastWriter = new MessageWriter(fast.sink);
      const slowWriter = new MessageWriter(slow.sink);
      await fastWriter.writeRecordJson(stream, JSON.stringify(data), 1234, namespace);
      await slowWriter.write(
        recordMessage(stream, data, namespace === undefined ? { emittedAt: 1234 } : { namespace, emittedAt: 1234 }),
      );
      await Promise.all([fastWriter.flush(), slowWriter.flush()]);
      expect(fast.text()).toBe(slow.text());
      expect(AirbyteMessageSchema.safeParse(JSON.parse(fast.lines()[0] ?? '')).success).toBe(true);
    }
  });

  test('writeRecordJson rejects a fractional emitted_at and data that is not a one-line object', async () => {
    const { sink, chunks } = createSink();
    const writer = new MessageWriter(sink);
    await expect(writer.writeRecordJson('s', '{}', 1.5)).rejects.toThrow(/integer/);
    await expect(writer.writeRecordJson('s', '{\n"a":1}', 1)).rejects.toThrow(/one-line JSON object/);
    await expect(writer.writeRecordJson('s', '[1]', 1)).rejects.toThrow(/one-line JSON object/);
    await writer.flush();
    expect(chunks).toEqual([]);
    expect(writer.linesWritten).toBe(0);
  });

  test('chunks hold whole lines only and are about highWaterMark in size', async () => {
    const { sink, chunks, lines } = createSink();
    const writer = new MessageWriter(sink, { highWaterMark: 200 });
    for (let i = 0; i < 100; i++) await writer.writeRecordJson('s', `{"i":${i}}`, 1);
    await writer.flush();
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) {
      expect(chunk.endsWith('\n')).toBe(true);
      expect(chunk.length).toBeLessThan(200 + 60);
    }
    expect(lines().map((l) => (JSON.parse(l) as { record: { data: { i: number } } }).record.data.i)).toEqual(
      Array.from({ length: 100 }, (_, i) => i),
    );
  });

  test('under a slow consumer it waits for drain, keeps memory bounded and loses or splits no line', async () => {
    const chunkChars = 256;
    const sinkHighWaterMark = 64;
    const { sink, chunks, lines, maxBufferedInSink } = createSink({ highWaterMark: sinkHighWaterMark, delayMs: 1 });
    let drains = 0;
    sink.on('drain', () => drains++);
    const writer = new MessageWriter(sink, { highWaterMark: chunkChars });
    const total = 600;
    let maxLine = 0;
    let maxHeld = 0;
    // Two producers interleave their awaited writes, as concurrent streams would.
    const produce = async (name: string) => {
      for (let i = 0; i < total / 2; i++) {
        const data = JSON.stringify({ producer: name, i, pad: 'x'.repeat(i % 40) });
        maxLine = Math.max(maxLine, data.length + 60);
        await writer.writeRecordJson(name, data, 1);
        maxHeld = Math.max(maxHeld, writer.bufferedChars + sink.writableLength);
      }
    };
    await Promise.all([produce('a'), produce('b')]);
    await writer.flush();

    expect(drains).toBeGreaterThan(0); // back-pressure really happened
    const bound = 2 * (chunkChars + maxLine);
    expect(maxHeld).toBeLessThanOrEqual(bound);
    expect(maxBufferedInSink()).toBeLessThanOrEqual(chunkChars + maxLine);
    for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true);
    const parsed = lines().map((l) => AirbyteMessageSchema.parse(JSON.parse(l)));
    expect(parsed).toHaveLength(total);
    for (const name of ['a', 'b']) {
      const seen = parsed.flatMap((m) => (m.type === 'RECORD' && m.record.stream === name ? [m.record.data.i] : []));
      expect(seen).toEqual(Array.from({ length: total / 2 }, (_, i) => i));
    }
  });

  test('an error on the output (EPIPE) rejects flush and every later write', async () => {
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const { sink } = createSink({ fail: epipe });
    const writer = new MessageWriter(sink, { highWaterMark: 10 });
    await writer.write(logMessage('INFO', 'first')).catch(() => undefined);
    await expect(writer.flush()).rejects.toBe(epipe);
    await expect(writer.write(logMessage('INFO', 'second'))).rejects.toBe(epipe);
  });

  test('a write waiting for drain rejects when the output is destroyed', async () => {
    const { sink } = createSink({ highWaterMark: 1, delayMs: 50 });
    const writer = new MessageWriter(sink, { highWaterMark: 1 });
    const waiting = writer.write(logMessage('INFO', 'x'));
    sink.destroy();
    await expect(waiting).rejects.toThrow();
  });

  test('flush() resolves only after a real file stream has everything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-writer-'));
    try {
      const file = join(dir, 'out.jsonl');
      const out = createWriteStream(file);
      const writer = new MessageWriter(out);
      for (let i = 0; i < 20_000; i++) await writer.writeRecordJson('s', `{"i":${i}}`, 1);
      await writer.flush();
      const text = await readFile(file, 'utf8');
      out.end();
      expect(text.split('\n').slice(0, -1)).toHaveLength(20_000);
      expect(text.endsWith('{"i":19999},"emitted_at":1}}\n')).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('MessageWriter time-based flush', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const timers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

  test('a chunk that does not fill is sent one second after its first line, without flush()', async () => {
    vi.useFakeTimers();
    const { sink, chunks, lines } = createSink();
    const writer = new MessageWriter(sink);
    await writer.write(logMessage('INFO', 'started'));
    await vi.advanceTimersByTimeAsync(500);
    await writer.write(logMessage('WARN', 'retrying'));
    await vi.advanceTimersByTimeAsync(499);
    expect(chunks).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(chunks).toHaveLength(1);
    expect(lines().map((l) => (JSON.parse(l) as { log: { message: string } }).log.message)).toEqual([
      'started',
      'retrying',
    ]);
    // Nothing waits: no further chunk, and the next line starts a new interval.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(chunks).toHaveLength(1);
    await writer.write(logMessage('INFO', 'later'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(chunks).toHaveLength(2);
  });

  test('a steady trickle is sent at least once per interval', async () => {
    vi.useFakeTimers();
    const { sink, chunks, lines } = createSink();
    const writer = new MessageWriter(sink, { flushIntervalMs: 100 });
    for (let i = 0; i < 50; i++) {
      await writer.writeRecordJson('s', `{"i":${i}}`, 1);
      await vi.advanceTimersByTimeAsync(10);
      // Every line written more than one interval ago has reached the output.
      expect(lines().length).toBeGreaterThanOrEqual(Math.max(0, i + 1 - 10));
    }
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    await writer.flush();
    expect(lines()).toHaveLength(50);
  });

  test('lines left after a drain are sent by the timer', async () => {
    vi.useFakeTimers();
    const { sink, chunks, lines } = createSink({ highWaterMark: 1, delayMs: 300 });
    const writer = new MessageWriter(sink, { highWaterMark: 200, flushIntervalMs: 100 });
    const full = writer.writeRecordJson('s', `{"pad":"${'x'.repeat(300)}"}`, 1); // fills a chunk: waits for drain
    const tail = writer.writeRecordJson('s', '{"i":1}', 1); // a partial chunk behind it
    expect(writer.bufferedChars).toBeGreaterThan(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all([full, tail]);
    expect(chunks).toHaveLength(2);
    expect(lines()).toHaveLength(2);
  });

  test('the timer does not keep the process alive, and flush() clears it', async () => {
    const { sink } = createSink();
    const before = timers();
    const writer = new MessageWriter(sink, { flushIntervalMs: 60_000 });
    await writer.write(logMessage('INFO', 'x'));
    expect(timers()).toBe(before); // armed, but unref'd: not among what keeps the event loop busy
    await writer.flush();
    expect(writer.linesWritten).toBe(1);
  });

  test('a failed output stops the timer from sending', async () => {
    vi.useFakeTimers();
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    const { sink, chunks } = createSink({ fail: epipe });
    const writer = new MessageWriter(sink, { flushIntervalMs: 100 });
    await writer.write(logMessage('INFO', 'a'));
    await vi.advanceTimersByTimeAsync(100); // sent, and the output fails
    await writer.write(logMessage('INFO', 'b')).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(chunks).toHaveLength(1);
    await expect(writer.flush()).rejects.toBe(epipe);
  });
});
