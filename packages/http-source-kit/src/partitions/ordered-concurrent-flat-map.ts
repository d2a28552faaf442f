/**
 * Runs `produce(item)` for up to `concurrency` items at a time and yields every output in item order: the first
 * item's outputs stream straight through, later items buffer at most `bufferSize` outputs each and then wait.
 * Memory is bounded by concurrency x bufferSize outputs. An error surfaces when its item's turn comes, after the
 * outputs of the items before it, so output and failures are deterministic whatever the timing.
 *
 * Connections: a waiting item may hold an HTTP connection mid-body, and `items` itself may (a parent stream read).
 * The runner sizes `concurrency` so these can never take every connection of the client.
 */
export interface OrderedFlatMapOptions {
  concurrency: number;
  /** Outputs buffered per waiting item. */
  bufferSize: number;
  signal?: AbortSignal;
}

export async function* orderedConcurrentFlatMap<T, R>(
  items: AsyncIterable<T>,
  produce: (item: T, signal: AbortSignal) => AsyncIterable<R>,
  options: OrderedFlatMapOptions,
): AsyncGenerator<R> {
  const controller = new AbortController();
  const onAbort = (): void => {
    controller.abort(options.signal?.reason);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const source = items[Symbol.asyncIterator]();
  const lanes: Lane<R>[] = [];
  let sourceDone = false;
  try {
    for (;;) {
      while (!sourceDone && lanes.length < Math.max(1, options.concurrency)) {
        const next = await source.next();
        if (next.done === true) sourceDone = true;
        else lanes.push(new Lane(produce(next.value, controller.signal), options.bufferSize));
      }
      const head = lanes[0];
      if (head === undefined) return;
      for (let output = await head.take(); output.done !== true; output = await head.take()) yield output.value;
      lanes.shift();
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    controller.abort(new Error('stopped'));
    for (const lane of lanes) lane.stop();
    if (!sourceDone) await source.return?.();
  }
}

/** One item's outputs: pulled in the background into a bounded queue. */
class Lane<R> {
  private readonly queue: R[] = [];
  private readonly iterator: AsyncIterator<R>;
  private finished = false;
  private failure: { error: unknown } | undefined;
  private stopped = false;
  private wakeConsumer: (() => void) | undefined;
  private wakeProducer: (() => void) | undefined;

  constructor(
    outputs: AsyncIterable<R>,
    private readonly limit: number,
  ) {
    this.iterator = outputs[Symbol.asyncIterator]();
    void this.pump();
  }

  async take(): Promise<IteratorResult<R, undefined>> {
    while (this.queue.length === 0 && !this.finished) {
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
    if (this.queue.length > 0) {
      const value = this.queue.shift() as R;
      this.wake('producer');
      return { done: false, value };
    }
    if (this.failure !== undefined) throw this.failure.error;
    return { done: true, value: undefined };
  }

  stop(): void {
    this.stopped = true;
    this.wake('producer');
    // Runs the producer's finally blocks (closing response bodies); its outcome no longer matters.
    this.iterator.return?.().catch(() => undefined);
  }

  private async pump(): Promise<void> {
    try {
      while (!this.stopped) {
        if (this.queue.length >= Math.max(1, this.limit)) {
          await new Promise<void>((resolve) => (this.wakeProducer = resolve));
          continue;
        }
        const next = await this.iterator.next();
        if (next.done === true) break;
        this.queue.push(next.value);
        this.wake('consumer');
      }
    } catch (error) {
      this.failure = { error };
    } finally {
      this.finished = true;
      this.wake('consumer');
    }
  }

  private wake(who: 'consumer' | 'producer'): void {
    const wake = who === 'consumer' ? this.wakeConsumer : this.wakeProducer;
    if (who === 'consumer') this.wakeConsumer = undefined;
    else this.wakeProducer = undefined;
    wake?.();
  }
}
