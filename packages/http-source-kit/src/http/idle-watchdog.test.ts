import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IdleWatchdog, type IdleWatch } from './idle-watchdog.js';

/** A stand-in socket: the watchdog only reads bytesRead. */
function fakeSocket(): Socket & { bytesRead: number } {
  return Object.assign(new PassThrough(), { bytesRead: 0 }) as unknown as Socket & { bytesRead: number };
}

const waitMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A watch whose answer has begun (`answering: false` for one still waiting for its first byte). */
function watchOf(
  socket: Socket,
  excused: () => boolean,
  onSilent: IdleWatch['onSilent'],
  options: { answering?: boolean; onWaiting?: (ms: number) => void } = {},
): IdleWatch {
  return {
    socket,
    awaitingAnswer: options.answering === false,
    excused,
    onSilent,
    onWaiting: options.onWaiting ?? (() => undefined),
  };
}

/** Idle timing only: the first-byte wait and its notices far away. */
const idle = (idleMs: number) => ({ idleMs, firstByteMs: 600_000, noticeEveryMs: 30_000 });
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('IdleWatchdog', () => {
  it('ends a silent request, not earlier than idleMs after it started, and only once', async () => {
    const watchdog = new IdleWatchdog(idle(80));
    const started = performance.now();
    const ended: number[] = [];
    stops.push(
      watchdog.watch(
        watchOf(
          fakeSocket(),
          () => false,
          () => ended.push(performance.now()),
        ),
      ),
    );
    for (let i = 0; i < 100 && ended.length === 0; i++) await waitMs(10);
    expect(ended).toHaveLength(1);
    expect((ended[0] ?? 0) - started).toBeGreaterThanOrEqual(80);
    await waitMs(60);
    expect(ended).toHaveLength(1);
    expect(watchdog.size).toBe(0);
  });

  it('keeps a request alive while bytes keep arriving, or while its silence is excused', async () => {
    const watchdog = new IdleWatchdog(idle(60));
    const trickling = fakeSocket();
    let excused = true;
    const silent: string[] = [];
    stops.push(
      watchdog.watch(
        watchOf(
          trickling,
          () => false,
          () => silent.push('trickling'),
        ),
      ),
    );
    stops.push(
      watchdog.watch(
        watchOf(
          fakeSocket(),
          () => excused,
          () => silent.push('excused'),
        ),
      ),
    );
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
    const watchdog = new IdleWatchdog(idle(40));
    const silent: string[] = [];
    const stop = watchdog.watch(
      watchOf(
        fakeSocket(),
        () => false,
        () => silent.push('x'),
      ),
    );
    expect(watchdog.running).toBe(true);
    stop();
    stop();
    expect(watchdog.size).toBe(0);
    for (let i = 0; i < 50 && watchdog.running; i++) await waitMs(10);
    expect(watchdog.running).toBe(false);
    expect(silent).toEqual([]);
  });

  it('times the wait for the first byte apart from the idle silence, with a notice per interval of waiting', async () => {
    const watchdog = new IdleWatchdog({ idleMs: 40, firstByteMs: 1000, noticeEveryMs: 100 });
    const started = performance.now();
    const events: string[] = [];
    const notices: number[] = [];
    let endedAt = 0;
    const socket = fakeSocket();
    const watch = watchOf(
      socket,
      () => false,
      (phase) => {
        events.push(phase);
        endedAt = performance.now();
      },
      { answering: false, onWaiting: (ms) => notices.push(ms) },
    );
    stops.push(watchdog.watch(watch));
    // Bytes that are not an answer (a TLS session ticket) do not end the wait, nor does silence beyond idleMs.
    socket.bytesRead += 50;
    for (let i = 0; i < 500 && endedAt === 0; i++) await waitMs(10);
    expect(endedAt - started).toBeGreaterThanOrEqual(1000);
    expect(events).toEqual(['first-byte']);
    // One notice per 100 ms of waiting, never early (a loaded machine may tick late, not more often).
    expect(notices.length).toBeGreaterThanOrEqual(1);
    expect(notices.length).toBeLessThanOrEqual(9);
    expect(notices).toEqual(notices.map((_, i) => (i + 1) * 100));
  });

  it('switches to the idle timing once the answer has begun', async () => {
    const watchdog = new IdleWatchdog({ idleMs: 60, firstByteMs: 10_000, noticeEveryMs: 5_000 });
    const events: string[] = [];
    const watch = watchOf(
      fakeSocket(),
      () => false,
      (phase) => events.push(phase),
      { answering: false },
    );
    stops.push(watchdog.watch(watch));
    await waitMs(150);
    expect(events).toEqual([]);
    watch.awaitingAnswer = false;
    for (let i = 0; i < 100 && events.length === 0; i++) await waitMs(10);
    expect(events).toEqual(['idle']);
  });
});
