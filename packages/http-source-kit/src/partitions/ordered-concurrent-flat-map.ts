/**
 * Runs `produce(item)` for up to `concurrency` items at a time and yields every output in item order: the first
 * item's outputs stream straight through, later items buffer at most `bufferSize` outputs each and then wait.
 * A new item starts as soon as a running one finishes, even while an earlier item is still being emitted, so one
 * slow item does not hold the others back; at most `window` items are started ahead of the one being emitted, which
 * bounds memory at window x bufferSize outputs. An error surfaces when its item's turn comes, after the outputs of
 * the items before it, so output and failures are deterministic whatever the timing.
 *
 * With `lanes`, the running items beyond the first take a lane from a pool shared with the other levels of the same
 * read (see LanePool), so the read as a whole stays within its connection budget however its levels share it.
 *
 * Connections: a waiting item may hold an HTTP connection mid-body, and `items` itself may (a parent stream read).
 * The runner sizes `concurrency` (or the pool) so these can never take every connection of the client.
 */
import { Lane } from './lane.js';
import type { LanePool, LaneRequest } from './lane-pool.js';

export interface OrderedFlatMapOptions {
  concurrency: number;
  /** Outputs buffered per waiting item. */
  bufferSize: number;
  signal?: AbortSignal;
  /** Items started ahead of the one being emitted, running or finished (default 2 x concurrency). */
  window?: number;
  /** A pool shared with the other levels of the read: one lane per running item beyond the first. */
  lanes?: LanePool;
}

export async function* orderedConcurrentFlatMap<T, R>(
  /** The items, or a function of a signal that aborts when the map stops (so a source waiting on a request ends). */
  items: AsyncIterable<T> | ((signal: AbortSignal) => AsyncIterable<T>),
  produce: (item: T, signal: AbortSignal) => AsyncIterable<R>,
  options: OrderedFlatMapOptions,
): AsyncGenerator<R> {
  const concurrency = Math.max(1, options.concurrency);
  const window = Math.max(concurrency, options.window ?? 2 * concurrency);
  const controller = new AbortController();
  const onAbort = (): void => {
    controller.abort(options.signal?.reason);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const source = (typeof items === 'function' ? items(controller.signal) : items)[Symbol.asyncIterator]();
  const lanes: Lane<R>[] = [];
  let running = 0;
  let firstLaneBusy = false;
  let stopped = false;
  let filling = true;
  let sourceFailure: { error: unknown } | undefined;
  let sourceDone = false;
  /** Set while the filler waits for a lane from the pool; cancelled when the level's own lane frees up or it stops. */
  let waitingForPool: LaneRequest | undefined;
  /** Once the source is done and the level's own lane idle, that lane goes to the pool for the other levels. */
  let ownLaneReturned = false;
  const returnOwnLane = (): void => {
    if (ownLaneReturned || !sourceDone || firstLaneBusy || options.lanes === undefined) return;
    ownLaneReturned = true;
    options.lanes.grow();
  };
  // Read through functions: both change while the other side awaits, which TypeScript's narrowing cannot see.
  const isStopped = (): boolean => stopped;
  const isFilling = (): boolean => filling;
  let wakeFiller: (() => void) | undefined;
  let wakeConsumer: (() => void) | undefined;
  const wake = (which: 'filler' | 'consumer'): void => {
    const resolve = which === 'filler' ? wakeFiller : wakeConsumer;
    if (which === 'filler') wakeFiller = undefined;
    else wakeConsumer = undefined;
    resolve?.();
  };

  /** Starts items while there is room; runs beside the consumer, so emitting never waits for the source. */
  const fill = async (): Promise<void> => {
    try {
      for (;;) {
        while (!stopped && (running >= concurrency || lanes.length >= window))
          await new Promise<void>((resolve) => (wakeFiller = resolve));
        if (stopped) return;
        const next = await source.next();
        if (next.done === true) {
          sourceDone = true;
          returnOwnLane();
          return;
        }
        if (isStopped()) return;
        // The level's own lane runs an item without the pool; each further item takes a lane from it, unless the
        // level's own lane frees up first (waiting on the pool alone could wait for ever with an idle lane at hand).
        let release: (() => void) | undefined;
        if (options.lanes !== undefined && firstLaneBusy) {
          waitingForPool = options.lanes.request();
          release = await waitingForPool.granted;
          waitingForPool = undefined;
          if (isStopped()) {
            release?.();
            return;
          }
        }
        const pooled = release !== undefined;
        if (!pooled) firstLaneBusy = true;
        running++;
        lanes.push(
          new Lane(produce(next.value, controller.signal), options.bufferSize, () => {
            running--;
            if (pooled) {
              release?.();
            } else {
              firstLaneBusy = false;
              waitingForPool?.cancel();
            }
            returnOwnLane();
            wake('filler');
          }),
        );
        wake('consumer');
      }
    } catch (error) {
      sourceFailure = { error };
    } finally {
      filling = false;
      wake('consumer');
    }
  };
  const filler = fill();

  try {
    for (;;) {
      while (lanes.length === 0 && isFilling()) await new Promise<void>((resolve) => (wakeConsumer = resolve));
      const head = lanes[0];
      if (head === undefined) {
        if (sourceFailure !== undefined) throw sourceFailure.error;
        return;
      }
      for (let output = await head.take(); output.done !== true; output = await head.take()) yield output.value;
      lanes.shift();
      wake('filler');
    }
  } finally {
    stopped = true;
    waitingForPool?.cancel();
    options.signal?.removeEventListener('abort', onAbort);
    controller.abort(new Error('stopped'));
    for (const lane of lanes) lane.stop();
    wake('filler');
    // A pull in progress ends first (its requests were aborted above), then the source closes.
    await source.return?.().catch(() => undefined);
    await filler;
  }
}
