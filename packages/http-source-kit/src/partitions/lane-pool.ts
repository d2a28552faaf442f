/**
 * Lanes shared by the levels of one read (a stream, its parent, the parent's parent): each level always may run one
 * item without a lane from the pool, and every further item it runs at once takes one. A read whose levels together
 * need `levels` connections and may hold `budget` therefore never holds more than `budget`, however the work is
 * split between its levels at any moment, and no level can be starved by the others (its first item needs no lane).
 * A level that is done hands its own connection to the pool, for the levels still reading.
 */
export interface LaneRequest {
  granted: Promise<(() => void) | undefined>;
  cancel(): void;
}

export class LanePool {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 0)
      throw new RangeError(`LanePool size must be a non-negative integer, got ${size}`);
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
   * A lane, now or once one is free: `granted` resolves with a release function, or with undefined if `cancel` was
   * called first (the caller stopped waiting). Releasing twice is harmless.
   */
  request(): LaneRequest {
    if (this.free > 0) {
      this.free--;
      return { granted: Promise.resolve(this.releaser()), cancel: () => undefined };
    }
    let settle: ((release: (() => void) | undefined) => void) | undefined;
    const granted = new Promise<(() => void) | undefined>((resolve) => (settle = resolve));
    const grant = (): void => {
      settle?.(this.releaser());
    };
    this.waiting.push(grant);
    return {
      granted,
      cancel: () => {
        const index = this.waiting.indexOf(grant);
        if (index < 0) return; // already granted: the caller releases it
        this.waiting.splice(index, 1);
        settle?.(undefined);
      },
    };
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.grow();
    };
  }
}
