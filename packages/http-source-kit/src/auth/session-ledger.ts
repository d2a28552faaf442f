interface TokenUse {
  inFlight: number;
  served: number;
  /** Resolved at the next answer to a request sent with the token. */
  waiters: (() => void)[];
}

/**
 * What each session token has done: requests sent with it and not answered yet, and answers that proved it valid
 * (a 2xx). Decides between "the session ended after serving requests" (log in anew) and "a session refused from its
 * first request" (logging in again would not help), without mistaking a 401 that overtook a success for the latter.
 */
export class SessionLedger {
  private readonly tokens = new Map<string, TokenUse>();

  sent(token: string): void {
    this.use(token).inFlight++;
  }

  /** A request sent with `token` was answered (`served`: with a 2xx) or failed without an answer. */
  answered(token: string, served: boolean): void {
    const use = this.tokens.get(token);
    if (use === undefined) return;
    use.inFlight = Math.max(0, use.inFlight - 1);
    if (served) use.served++;
    for (const wake of use.waiters.splice(0)) wake();
  }

  /** Marks a token as valid, e.g. after a check of a given token succeeded. */
  proven(token: string): void {
    this.use(token).served++;
  }

  hasServed(token: string): boolean {
    return (this.tokens.get(token)?.served ?? 0) > 0;
  }

  /** Requests sent with `token` that have not been answered yet. */
  pending(token: string): number {
    return this.tokens.get(token)?.inFlight ?? 0;
  }

  /** Resolves at the next answer to a request sent with `token` (at once when none is pending). */
  nextAnswer(token: string): Promise<void> {
    const use = this.tokens.get(token);
    if (use === undefined || use.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => use.waiters.push(resolve));
  }

  /** Drops what is known of idle tokens other than `keep` (ended sessions), so a long run holds only a few. */
  forgetIdleExcept(keep: string): void {
    for (const [token, use] of this.tokens) if (token !== keep && use.inFlight === 0) this.tokens.delete(token);
  }

  private use(token: string): TokenUse {
    let use = this.tokens.get(token);
    if (use === undefined) {
      use = { inFlight: 0, served: 0, waiters: [] };
      this.tokens.set(token, use);
    }
    return use;
  }
}
