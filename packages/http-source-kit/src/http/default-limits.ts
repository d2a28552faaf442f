/** Requests in flight at once on one client (and its connection limit) when the source sets no `maxConcurrency`. */
export const DEFAULT_MAX_CONCURRENCY = 8;

/** Attempts per request and the time its retries may take, when the source's `retry` options set none. */
export const DEFAULT_RETRY_LIMITS = { maxAttempts: 6, maxTotalMs: 5 * 60_000 } as const;
