import type { AirbyteMessage } from '../schemas/airbyte-message.js';
import { RecordPrefixCache } from './record-prefix-cache.js';

export interface MessageWriterOptions {
  /** Lines are gathered into chunks of about this many characters per `out.write` (default 64 KiB). */
  highWaterMark?: number;
  /**
   * Lines waiting in a chunk that is not full are handed to `out` at most this long after the first of them was
   * written (default 1000 ms), so a slow read still shows its progress and logs as they happen.
   */
  flushIntervalMs?: number;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

const DEFAULT_CHUNK_CHARS = 64 * 1024;
const DEFAULT_FLUSH_INTERVAL_MS = 1000;
const RESOLVED: Promise<void> = Promise.resolve();

/**
 * Writes Airbyte messages as compact JSON lines. Whole lines are batched into one string and handed to `out` in
 * a single `write`, so a line is never split and never interleaves with another writer. When `out.write` returns
 * false, the promise returned by the write that filled the chunk waits for `drain`: await every write and memory
 * stays bounded by about two chunks. A chunk that does not fill is sent after at most `flushIntervalMs` by one
 * timer per writer, which does not keep the process alive. Call `flush()` before the process exits.
 */
export class MessageWriter {
  private readonly out: NodeJS.WritableStream;
  private readonly chunkChars: number;
  private readonly flushIntervalMs: number;
  /** Armed while lines wait in a chunk that is not full. */
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly prefixes = new RecordPrefixCache();
  private buffer = '';
  private lines = 0;
  private inFlight = 0;
  private pending: Promise<void> | undefined;
  private failure: Error | undefined;
  private drainWaiters: Waiter[] = [];
  private idleWaiters: Waiter[] = [];

  constructor(out: NodeJS.WritableStream = process.stdout, options: MessageWriterOptions = {}) {
    this.out = out;
    this.chunkChars = Math.max(1, Math.floor(options.highWaterMark ?? DEFAULT_CHUNK_CHARS));
    this.flushIntervalMs = Math.max(1, options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
    // Listening for 'error' also keeps an EPIPE from crashing the process: it rejects the next write instead.
    out.on('error', this.fail);
    out.on('drain', this.onDrain);
    out.on('close', this.onClose);
  }

  /** Lines accepted so far; after `flush()` resolves, all of them have reached `out`. */
  get linesWritten(): number {
    return this.lines;
  }

  /** Characters waiting in this writer (not yet handed to `out`). */
  get bufferedChars(): number {
    return this.buffer.length;
  }

  write(message: AirbyteMessage): Promise<void> {
    return this.enqueue(JSON.stringify(message));
  }

  /**
   * Fast path for pass-through records: `dataJson` is an already serialised JSON object (as `JSON.stringify`
   * prints it, so with no raw newline); it is spliced into the RECORD envelope without being parsed.
   */
  writeRecordJson(stream: string, dataJson: string, emittedAt: number, namespace?: string): Promise<void> {
    if (!Number.isSafeInteger(emittedAt)) {
      return Promise.reject(new TypeError(`emitted_at must be an integer of milliseconds, got ${emittedAt}`));
    }
    if (dataJson.charCodeAt(0) !== 123 /* { */ || dataJson.includes('\n')) {
      return Promise.reject(new TypeError(`record data for stream "${stream}" must be a one-line JSON object`));
    }
    const prefix = this.prefixes.get(stream, namespace);
    return this.enqueue(`${prefix}${dataJson},"emitted_at":${emittedAt}}}`);
  }

  /** Hands every buffered line to `out` and resolves once `out` has processed them all (or rejects on its error). */
  async flush(): Promise<void> {
    while (this.pending !== undefined || this.buffer.length > 0) {
      await (this.pending ?? this.sendAll());
    }
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.inFlight > 0) await this.waitFor(this.idleWaiters);
    if (this.failure !== undefined) throw this.failure;
  }

  private enqueue(line: string): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.buffer += line + '\n';
    this.lines++;
    if (this.buffer.length < this.chunkChars) {
      this.flushTimer ??= this.armFlushTimer();
      return RESOLVED;
    }
    return this.pending ?? this.sendAll();
  }

  private armFlushTimer(): NodeJS.Timeout {
    return setTimeout(this.onFlushTimer, this.flushIntervalMs).unref();
  }

  /** Sends what waits; while `out` is draining, looks again later (the drain loop only sends full chunks). */
  private readonly onFlushTimer = (): void => {
    this.flushTimer = undefined;
    if (this.buffer.length === 0 || this.failure !== undefined) return;
    if (this.pending !== undefined) this.flushTimer = this.armFlushTimer();
    else this.sendAll().catch(() => undefined); // a failure is kept and rejects the next write or flush
  };

  /** Sends the whole buffer; if `out` asks us to stop, returns the promise of waiting for it to drain. */
  private sendAll(): Promise<void> {
    if (this.send()) return RESOLVED;
    const waiting = this.drainThenSendFullChunks().finally(() => {
      this.pending = undefined;
    });
    this.pending = waiting;
    return waiting;
  }

  private async drainThenSendFullChunks(): Promise<void> {
    do {
      await this.waitFor(this.drainWaiters);
    } while (this.buffer.length >= this.chunkChars && !this.send());
  }

  /** One `out.write` of the buffer; returns what `out.write` returned (false means wait for 'drain'). */
  private send(): boolean {
    const chunk = this.buffer;
    this.buffer = '';
    this.inFlight++;
    return this.out.write(chunk, this.onChunkWritten);
  }

  private waitFor(list: Waiter[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.failure !== undefined) reject(this.failure);
      else list.push({ resolve, reject });
    });
  }

  private readonly onChunkWritten = (error?: Error | null): void => {
    this.inFlight--;
    if (error) this.fail(error);
    else if (this.inFlight === 0) settle(this.takeIdleWaiters());
  };

  private readonly onDrain = (): void => {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    settle(waiters);
  };

  private readonly onClose = (): void => {
    // Anything still waiting would wait forever: a closed stream never drains.
    if (this.drainWaiters.length > 0 || this.inFlight > 0)
      this.fail(new Error('output stream closed before all messages were written'));
  };

  private readonly fail = (error: Error): void => {
    this.failure ??= error;
    const waiters = [...this.drainWaiters, ...this.takeIdleWaiters()];
    this.drainWaiters = [];
    settle(waiters, this.failure);
  };

  private takeIdleWaiters(): Waiter[] {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    return waiters;
  }
}

function settle(waiters: Waiter[], error?: Error): void {
  for (const waiter of waiters) {
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  }
}
