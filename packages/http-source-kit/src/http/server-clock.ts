/**
 * The server's clock, learned from the `Date` header of its responses, as a lower bound: a Date header is truncated
 * to the second and written before the response travels, so `Date - local receive time` never exceeds the true
 * offset between the two clocks. The largest sample is the closest. The incremental runner uses it to cap a saved
 * cursor at the server's time when a stream started (see `CursorTracker`), without trusting the local clock.
 */
export class ServerClock {
  private offsetMs: number | undefined;
  private lastHeader: string | undefined;

  constructor(private readonly localNow: () => number = Date.now) {}

  /** Notes the Date header of a response received just now (ignored when absent or unreadable). */
  observe(dateHeader: string | undefined): void {
    // The same header seen again (most responses within a second) gives a smaller offset than when first seen.
    if (dateHeader === undefined || dateHeader === this.lastHeader) return;
    this.lastHeader = dateHeader;
    const serverMs = Date.parse(dateHeader);
    if (!Number.isFinite(serverMs)) return;
    const offset = serverMs - this.localNow();
    if (this.offsetMs === undefined || offset > this.offsetMs) this.offsetMs = offset;
  }

  /**
   * Remembers this moment; the returned function gives the server's time at it (a lower bound), using every Date
   * header seen until it is called, or undefined if the server never sent one.
   */
  mark(): () => number | undefined {
    const localMs = this.localNow();
    return () => (this.offsetMs === undefined ? undefined : localMs + this.offsetMs);
  }
}
