import { describe, expect, it } from 'vitest';
import { LanePool } from './lane-pool.js';

describe('LanePool', () => {
  it('grants at most its size at once, in request order, and takes a lane back once however often released', async () => {
    const pool = new LanePool(2);
    const first = await pool.request().granted;
    const second = await pool.request().granted;
    const order: string[] = [];
    const third = pool.request().granted.then((release) => {
      order.push('third');
      return release;
    });
    const fourth = pool.request().granted.then((release) => {
      order.push('fourth');
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    first?.();
    first?.();
    await third;
    expect(order).toEqual(['third']);
    second?.();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
  });

  it('gives up waiting when cancelled, and a pool for a budget keeps one connection per level out of it', async () => {
    const pool = new LanePool(0);
    const waiting = pool.request();
    waiting.cancel();
    expect(await waiting.granted).toBeUndefined();
    expect(LanePool.forBudget(8, 3).size).toBe(5);
    // A level that is done hands its connection over: a waiter gets it at once.
    const later = pool.request();
    pool.grow();
    expect(typeof (await later.granted)).toBe('function');
    expect(LanePool.forBudget(2, 3).size).toBe(0);
    expect(() => new LanePool(-1)).toThrow(RangeError);
  });
});
