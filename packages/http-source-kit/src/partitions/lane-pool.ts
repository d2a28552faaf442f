/**
 * Lanes shared by the levels of one read (a stream, its parent, the parent's parent): each level always may run one
 * item without a lane from the pool, and every further item it runs at once takes one. A read whose levels together
 * need `levels` connections and may hold `budget` therefore never holds more than `budget`, however the work is
 * split between its levels at any moment, and no level can be starved by the others (its first item needs no lane).
 * A level that is done hands its own connection to the pool, for the levels still reading.
 */
export class LanePool {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 0) throw new RangeError(`LanePool size must be a non-negative integer, got ${size}`);
    this.free = size;
  }

  /** A pool sized for a read of `levels` levels that may hold `budget` connections. */
  static forBudget(budget: number, levels: number): LanePool {
    return new LanePool(Math.max(0, budget - levels));
  }

  /** A level that will start nothing more hands back the connection it kept for itself: one more lane. */
  grow(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.free++;
  }

  /**
   * Resolves with a release function once a lane is free, or with undefined if `signal` aborts first (the caller
   * stopped waiting). Releasing twice is harmless.
   */
  async acquire(signal: AbortSignal): Promise<(() => void) | undefined> {
    if (this.free > 0) {
      this.free--;
    } else {
      const granted = await new Promise<boolean>((resolve) => {
        if (signal.aborted) {
          resolve(false);
          return;
        }
        const grant = (): void => {
          signal.removeEventListener('abort', abandon);
          resolve(true);
        };
        const abandon = (): void => {
          const index = this.waiting.indexOf(grant);
          if (index >= 0) this.waiting.splice(index, 1);
          resolve(false);
        };
        signal.addEventListener('abort', abandon, { once: true });
        this.waiting.push(grant);
      });
      if (!granted) return undefined;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.grow();
    };
  }
}
