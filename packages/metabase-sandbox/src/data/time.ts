// Timestamps: Metabase serialises instants as ISO-8601; we use UTC with milliseconds and `Z`.

/** 2022-01-03T08:00:00.000Z: the day the imaginary instance was installed. */
export const INSTALL_EPOCH_MS = Date.UTC(2022, 0, 3, 8, 0, 0, 0);
const DAY_MS = 86_400_000;
/** Data spans about two years after installation. */
export const SPAN_MS = 730 * DAY_MS;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A moment `fraction` (0..1) of the way through the data span, with millisecond jitter. */
export function momentAt(fraction: number, jitter: number): number {
  return INSTALL_EPOCH_MS + Math.floor(fraction * SPAN_MS) + Math.floor(jitter * 1000);
}

/** A moment after `startMs`, at most `maxDays` later. */
export function laterThan(startMs: number, fraction: number, maxDays: number): number {
  return startMs + Math.floor(fraction * maxDays * DAY_MS);
}
