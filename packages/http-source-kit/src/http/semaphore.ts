/** A FIFO counting semaphore: at most `limit` holders at once; priority waiters (FIFO among themselves) go first. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly waitingFirst: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`Semaphore limit must be a positive integer, got ${limit}`);
  }

  get inUse(): number {
    return this.active;
  }

  /** Resolves with a release function once a slot is free. Releasing twice is harmless. */
  async acquire(priority = false): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
    } else {
      await new Promise<void>((resolve) => (priority ? this.waitingFirst : this.waiting).push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waitingFirst.shift() ?? this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }
}
