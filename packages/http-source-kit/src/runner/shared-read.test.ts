import { describe, expect, it } from 'vitest';
import { shareRead } from './shared-read.js';

/** A source of 1..count that counts how far it was pulled and whether it was stopped. */
function counting(count: number, failAt?: number) {
  const seen = { pulled: 0, stopped: false };
  async function* numbers(): AsyncGenerator<number> {
    try {
      for (let n = 1; n <= count; n++) {
        await Promise.resolve();
        if (n === failAt) throw new Error(`failed at ${n}`);
        seen.pulled = n;
        yield n;
      }
    } finally {
      seen.stopped = true;
    }
  }
  return { source: numbers(), seen };
}

async function take<T>(iterable: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  const iterator = iterable[Symbol.asyncIterator]();
  while (out.length < n) {
    const next = await iterator.next();
    if (next.done === true) break;
    out.push(next.value);
  }
  return out;
}

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('shareRead', () => {
  it('gives every reader every item, in order, from one pull of the source', async () => {
    const { source, seen } = counting(50);
    const readers = shareRead(source, 3, 4);
    const results = await Promise.all(readers.map(all));
    for (const result of results) expect(result).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(seen).toEqual({ pulled: 50, stopped: true });
  });

  it('lets a reader run at most `limit` items ahead of one that does not read', async () => {
    const { source, seen } = counting(100);
    const [fast, slow] = shareRead(source, 2, 5);
    if (fast === undefined || slow === undefined) throw new Error('two readers expected');
    const first = take(fast, 20);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.pulled).toBe(5); // the slow reader holds 5 unread items: nothing more is pulled
    expect(await take(slow, 15)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(await first).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seen.pulled).toBeLessThanOrEqual(20);
  });

  it('a detached reader no longer holds the others back; when all have stopped, the source is stopped', async () => {
    const { source, seen } = counting(100);
    const [a, b] = shareRead(source, 2, 2);
    if (a === undefined || b === undefined) throw new Error('two readers expected');
    b.detach();
    expect(await take(a, 30)).toHaveLength(30);
    for await (const value of a) if (value === 40) break; // for-await's break stops the reader
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen.stopped).toBe(true);
    expect(seen.pulled).toBeLessThan(100);
  });

  it('a failure of the source reaches each reader after the items it was given', async () => {
    const { source } = counting(10, 7);
    const readers = shareRead(source, 2, 3);
    const outcomes = await Promise.all(
      readers.map(async (reader) => {
        const got: number[] = [];
        try {
          for await (const value of reader) got.push(value);
          return { got, error: undefined };
        } catch (error) {
          return { got, error: (error as Error).message };
        }
      }),
    );
    for (const outcome of outcomes) expect(outcome).toEqual({ got: [1, 2, 3, 4, 5, 6], error: 'failed at 7' });
  });
});
