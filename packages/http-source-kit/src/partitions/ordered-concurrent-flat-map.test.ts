import { describe, expect, it } from 'vitest';
import { orderedConcurrentFlatMap } from './ordered-concurrent-flat-map.js';

/** A producer whose steps finish in an order we control through `release`. */
function gate() {
  const waiting: (() => void)[] = [];
  return {
    wait: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
      }),
    releaseAll: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
    get pending() {
      return waiting.length;
    },
  };
}

async function* from<T>(values: T[]): AsyncGenerator<T> {
  for (const value of values) {
    await Promise.resolve();
    yield value;
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('orderedConcurrentFlatMap', () => {
  it('emits outputs in item order even when later items finish first', async () => {
    const delays = [30, 1, 15, 0, 5];
    const produce = async function* (item: number) {
      for (let part = 0; part < 3; part++) {
        await new Promise((resolve) => setTimeout(resolve, delays[item]));
        yield `${item}.${part}`;
      }
    };
    const out = await collect(
      orderedConcurrentFlatMap(from([0, 1, 2, 3, 4]), produce, { concurrency: 3, bufferSize: 2 }),
    );
    expect(out).toEqual([0, 1, 2, 3, 4].flatMap((i) => [`${i}.0`, `${i}.1`, `${i}.2`]));
  });

  it('runs at most `concurrency` items at once and buffers at most `bufferSize` outputs per waiting item', async () => {
    let running = 0;
    let maxRunning = 0;
    const produced = new Map<number, number>();
    const headGate = gate();
    const produce = async function* (item: number) {
      running++;
      maxRunning = Math.max(maxRunning, running);
      try {
        for (let part = 0; part < 100; part++) {
          if (item === 0) await headGate.wait();
          produced.set(item, (produced.get(item) ?? 0) + 1);
          yield part;
        }
      } finally {
        running--;
      }
    };
    const iterator = orderedConcurrentFlatMap(from([0, 1, 2, 3]), produce, { concurrency: 3, bufferSize: 4 })[
      Symbol.asyncIterator
    ]();
    const first = iterator.next();
    // Let the waiting items fill their buffers while the head is blocked.
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(maxRunning).toBe(3);
    expect(produced.get(1)).toBeLessThanOrEqual(5); // 4 buffered + 1 waiting to be queued
    expect(produced.get(2)).toBeLessThanOrEqual(5);
    expect(produced.has(3)).toBe(false);
    headGate.releaseAll();
    const interval = setInterval(() => {
      headGate.releaseAll();
    }, 1);
    try {
      expect(await first).toEqual({ done: false, value: 0 });
      let count = 1;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) count++;
      expect(count).toBe(400);
    } finally {
      clearInterval(interval);
    }
    expect(running).toBe(0);
  });

  it('reports an item error after the outputs of the items before it, and stops the others', async () => {
    let stopped = 0;
    const produce = async function* (item: number) {
      try {
        if (item === 1) throw new Error('item 1 failed');
        for (let part = 0; part < 3; part++) {
          await new Promise((resolve) => setTimeout(resolve, 2));
          yield `${item}.${part}`;
        }
      } finally {
        if (item > 1) stopped++;
      }
    };
    const out: string[] = [];
    const error = await (async () => {
      for await (const value of orderedConcurrentFlatMap(from([0, 1, 2, 3]), produce, {
        concurrency: 4,
        bufferSize: 1,
      }))
        out.push(value);
    })().catch((e: unknown) => e);
    expect(out).toEqual(['0.0', '0.1', '0.2']);
    expect((error as Error).message).toBe('item 1 failed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(2);
  });

  it('stops the source and running items when the consumer stops early', async () => {
    let sourceClosed = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) {
          await Promise.resolve();
          yield i;
        }
      } finally {
        sourceClosed = true;
      }
    }
    const signals: AbortSignal[] = [];
    const produce = async function* (item: number, signal: AbortSignal) {
      signals.push(signal);
      await Promise.resolve();
      yield item;
    };
    for await (const value of orderedConcurrentFlatMap(source(), produce, { concurrency: 2, bufferSize: 1 })) {
      if (value === 3) break;
    }
    expect(sourceClosed).toBe(true);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
  });
});
