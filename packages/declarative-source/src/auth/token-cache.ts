/** A token obtained on demand, shared by concurrent requests (one fetch at a time), kept until it expires. */
export class TokenCache {
  private token: string | undefined;
  private expiresAt = Number.POSITIVE_INFINITY;
  private pending: Promise<string> | undefined;
  /** Every token obtained (secrets to mask). */
  readonly obtained: string[] = [];

  constructor(private readonly now: () => Date) {}

  /** Starts with a token known in advance (from the config). */
  seed(token: string, expiresAt: number): void {
    this.token = token;
    this.expiresAt = expiresAt;
  }

  get(fetch: () => Promise<{ token: string; expiresAt?: number }>): Promise<string> {
    if (this.token !== undefined && this.now().getTime() < this.expiresAt) return Promise.resolve(this.token);
    this.pending ??= fetch()
      .then(({ token, expiresAt }) => {
        this.token = token;
        this.expiresAt = expiresAt ?? Number.POSITIVE_INFINITY;
        this.obtained.push(token);
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
