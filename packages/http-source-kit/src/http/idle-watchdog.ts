import type { Socket } from 'node:net';

/** One watched request: its socket, whether it still waits for its answer, what to do when a wait runs too long. */
export interface IdleWatch {
  socket: Socket;
  /**
   * True until the response headers arrive (the transport clears it). That wait is timed by `firstByteMs` from the
   * request's start: a server may think for minutes before its first byte. Afterwards silence is timed by `idleMs`.
   */
  awaitingAnswer: boolean;
  /** True while we, not the server, hold things up (a paused or unread body): that time is not silence. */
  excused(): boolean;
  /** The wait for the first byte, or a silence mid-body, ran out. */
  onSilent(phase: 'first-byte' | 'idle'): void;
  /** Still waiting for the first byte: called every `noticeEveryMs` of waiting, with that multiple of it. */
  onWaiting(waitedMs: number): void;
}

export interface WatchdogTimes {
  /** Longest wait for the first byte of an answer. */
  firstByteMs: number;
  /** Longest silence once the answer has started. */
  idleMs: number;
  /** How often a request still waiting for its answer is reported. */
  noticeEveryMs: number;
}

interface Entry {
  watch: IdleWatch;
  bytesRead: number;
  /** When a tick last saw this request active (NaN: not ticked yet since its answer began). */
  seenAt: number;
  /** When a tick first saw this request waiting for its answer (NaN: not ticked yet). */
  waitingSince: number;
  notices: number;
}

/**
 * Ends requests whose server is silent too long, with one shared interval instead of timers per request (a timer per
 * request plus a refresh per chunk was ~12 µs of every request). Two waits: for the first byte (`firstByteMs`, counted
 * from the first tick that sees the request; reported every `noticeEveryMs`), then between chunks (`idleMs`: each tick
 * compares the socket's `bytesRead` with the last tick's, and silence is only counted from a tick that saw activity).
 * So a request is never ended early, and at most about two ticks (a quarter of the shortest time each, 1 s at most)
 * late. The interval is unref'd and stops itself when nothing is watched.
 */
export class IdleWatchdog {
  private readonly entries = new Set<Entry>();
  private timer: NodeJS.Timeout | undefined;
  private readonly tickMs: number;

  constructor(
    private readonly times: WatchdogTimes,
    private readonly now: () => number = () => performance.now(),
  ) {
    const shortest = Math.min(times.idleMs, times.firstByteMs, times.noticeEveryMs);
    this.tickMs = Math.max(1, Math.min(1000, Math.floor(shortest / 4)));
  }

  /** Starts watching; the returned function stops it (idempotent). */
  watch(watch: IdleWatch): () => void {
    const entry: Entry = {
      watch,
      bytesRead: watch.socket.bytesRead,
      seenAt: Number.NaN,
      waitingSince: Number.NaN,
      notices: 0,
    };
    this.entries.add(entry);
    if (this.timer === undefined) {
      this.timer = setInterval(() => {
        this.tick();
      }, this.tickMs);
      this.timer.unref();
    }
    return () => this.entries.delete(entry);
  }

  /** How many requests are watched (for tests). */
  get size(): number {
    return this.entries.size;
  }

  /** Whether the shared interval is running (for tests). */
  get running(): boolean {
    return this.timer !== undefined;
  }

  private tick(): void {
    if (this.entries.size === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const now = this.now();
    for (const entry of this.entries) {
      if (entry.watch.awaitingAnswer) this.tickWaiting(entry, now);
      else this.tickIdle(entry, now);
    }
  }

  private tickWaiting(entry: Entry, now: number): void {
    if (Number.isNaN(entry.waitingSince)) {
      entry.waitingSince = now;
      return;
    }
    const waited = now - entry.waitingSince;
    if (waited >= this.times.firstByteMs) {
      this.entries.delete(entry);
      entry.watch.onSilent('first-byte');
    } else if (waited >= (entry.notices + 1) * this.times.noticeEveryMs) {
      entry.notices++;
      entry.watch.onWaiting(entry.notices * this.times.noticeEveryMs);
    }
  }

  private tickIdle(entry: Entry, now: number): void {
    const bytesRead = entry.watch.socket.bytesRead;
    if (Number.isNaN(entry.seenAt) || bytesRead !== entry.bytesRead || entry.watch.excused()) {
      entry.bytesRead = bytesRead;
      entry.seenAt = now;
    } else if (now - entry.seenAt >= this.times.idleMs) {
      this.entries.delete(entry);
      entry.watch.onSilent('idle');
    }
  }
}
