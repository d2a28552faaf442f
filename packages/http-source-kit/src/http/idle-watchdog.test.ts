import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IdleWatchdog } from './idle-watchdog.js';

/** A stand-in socket: the watchdog only reads bytesRead. */
function fakeSocket(): Socket & { bytesRead: number } {
  return Object.assign(new PassThrough(), { bytesRead: 0 }) as unknown as Socket & { bytesRead: number };
}

const waitMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('IdleWatchdog', () => {
  it('ends a silent request, not earlier than idleMs after it started, and only once', async () => {
    const watchdog = new IdleWatchdog(80);
    const started = performance.now();
    const ended: number[] = [];
    stops.push(watchdog.watch({ socket: fakeSocket(), excused: () => false, onSilent: () => ended.push(performance.now()) }));
    for (let i = 0; i < 100 && ended.length === 0; i++) await waitMs(10);
    expect(ended).toHaveLength(1);
    expect((ended[0] ?? 0) - started).toBeGreaterThanOrEqual(80);
    await waitMs(60);
    expect(ended).toHaveLength(1);
    expect(watchdog.size).toBe(0);
  });

  it('keeps a request alive while bytes keep arriving, or while its silence is excused', async () => {
    const watchdog = new IdleWatchdog(60);
    const trickling = fakeSocket();
    let excused = true;
    const silent: string[] = [];
    stops.push(watchdog.watch({ socket: trickling, excused: () => false, onSilent: () => silent.push('trickling') }));
    stops.push(watchdog.watch({ socket: fakeSocket(), excused: () => excused, onSilent: () => silent.push('excused') }));
    for (let i = 0; i < 12; i++) {
      await waitMs(20);
      trickling.bytesRead += 10;
    }
    expect(silent).toEqual([]);
    excused = false;
    for (let i = 0; i < 100 && silent.length === 0; i++) await waitMs(10);
    expect(silent).toEqual(['excused']);
  });

  it('forgets stopped requests and stops its interval when nothing is watched', async () => {
    const watchdog = new IdleWatchdog(40);
    const silent: string[] = [];
    const stop = watchdog.watch({ socket: fakeSocket(), excused: () => false, onSilent: () => silent.push('x') });
    expect(watchdog.running).toBe(true);
    stop();
    stop();
    expect(watchdog.size).toBe(0);
    for (let i = 0; i < 50 && watchdog.running; i++) await waitMs(10);
    expect(watchdog.running).toBe(false);
    expect(silent).toEqual([]);
  });
});
