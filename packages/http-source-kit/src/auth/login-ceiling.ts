const WINDOW_MS = 60_000;

/** The most logins a run makes in any 60 s, guarding a server whose sessions end as soon as they are opened. */
export const DEFAULT_MAX_LOGINS_PER_MINUTE = 30;

/** Counts logins in a sliding one-minute window. */
export class LoginCeiling {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`maxLoginsPerMinute must be a positive integer, got ${limit}`);
  }

  /** Notes a login about to be made; false (noting nothing) when the window already holds `limit` of them. */
  take(): boolean {
    const now = this.now();
    while (this.times.length > 0 && (this.times[0] ?? now) <= now - WINDOW_MS) this.times.shift();
    if (this.times.length >= this.limit) return false;
    this.times.push(now);
    return true;
  }
}
