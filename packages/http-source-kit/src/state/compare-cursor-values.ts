/**
 * Cursor values: numbers, date-times and other strings. Date-times compare by instant (so `…T10:00:00Z` and
 * `…T12:00:00+02:00` are equal, and fractional seconds beyond milliseconds still count).
 *
 * A date-time without an offset (`2024-03-05T10:11:12.123456`, as a MySQL-backed server may send; or a bare date) is
 * a wall time in a zone the value does not say. It is never read in this machine's zone: it stands for every instant
 * it can be, from its wall time read as UTC less 14 hours (UTC+14:00) to plus 12 hours (UTC-12:00). Values are ordered
 * by their latest possible instant (for a value with an offset, its instant), a record passes a saved cursor unless it
 * is certainly earlier (its latest instant before the cursor's earliest), and a value is later than a limit only when
 * it certainly is (its earliest instant after it). So no record is ever skipped for want of an offset; the price is
 * that records changed up to a day before such a cursor are read again.
 */
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;
/** A time of day followed by `Z` or a numeric offset, at the end of the value. */
const OFFSET_AT_END = /\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
const WALL_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/** How far the instant of a date-time without an offset can lie from its wall time read as UTC. */
export const NO_OFFSET_EARLIER_MS = 14 * 3_600_000;
export const NO_OFFSET_LATER_MS = 12 * 3_600_000;

interface InstantRange {
  earliest: number;
  latest: number;
  /** Digits of the fraction of a second, 9 of them, for order below the millisecond. */
  fraction: string;
}

function fractionDigits(value: string): string {
  const match = /[T ][\d:]+\.(\d+)/.exec(value);
  return (match?.[1] ?? '').padEnd(9, '0').slice(0, 9);
}

function instantRange(value: string): InstantRange | undefined {
  if (!DATE_LIKE.test(value)) return undefined;
  const fraction = fractionDigits(value);
  if (OFFSET_AT_END.test(value)) {
    const instant = Date.parse(value);
    return Number.isFinite(instant) ? { earliest: instant, latest: instant, fraction } : undefined;
  }
  // Without an offset, Date.parse would read a date-time in this machine's zone: read the wall time as UTC instead.
  const wall = Date.parse(WALL_TIME.test(value) ? `${value}Z` : value);
  if (!Number.isFinite(wall)) return undefined;
  return { earliest: wall - NO_OFFSET_EARLIER_MS, latest: wall + NO_OFFSET_LATER_MS, fraction };
}

/** Whether a cursor value reads as a date-time (an ISO-8601 date, with or without a time and an offset). */
export function isDateTimeValue(value: string | number): value is string {
  return typeof value === 'string' && instantRange(value) !== undefined;
}

/** Whether a date-time carries its offset (or `Z`), so that it names one instant. */
export function hasUtcOffset(value: string): boolean {
  return DATE_LIKE.test(value) && OFFSET_AT_END.test(value);
}

/** The earliest instant (epoch ms) a date-time can be: its own, or 14 hours before its wall time read as UTC. */
export function earliestInstant(value: string): number | undefined {
  return instantRange(value)?.earliest;
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareAt(left: number, leftFraction: string, right: number, rightFraction: string): number {
  if (left !== right) return sign(left - right);
  return leftFraction < rightFraction ? -1 : leftFraction > rightFraction ? 1 : 0;
}

/**
 * Orders cursor values: numbers numerically; date-times by their latest possible instant (their instant when they
 * have an offset); other strings by code units. Mixed kinds compare as strings, which is at least stable.
 */
export function compareCursorValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  const left = String(a);
  const right = String(b);
  const l = instantRange(left);
  const r = instantRange(right);
  if (l !== undefined && r !== undefined) return compareAt(l.latest, l.fraction, r.latest, r.fraction);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Whether a record whose cursor is `value` may have changed at or after the saved cursor `saved`: false only when it
 * certainly did not (for date-times, when its latest possible instant is before the saved cursor's earliest).
 */
export function cursorMayBeAtOrAfter(value: string | number, saved: string | number): boolean {
  if (typeof value === 'string' && typeof saved === 'string') {
    const v = instantRange(value);
    const s = instantRange(saved);
    if (v !== undefined && s !== undefined) return compareAt(v.latest, v.fraction, s.earliest, s.fraction) >= 0;
  }
  return compareCursorValues(value, saved) >= 0;
}

/** Whether the date-time `value` is certainly later than the instant `limitMs` (its earliest instant is after it). */
export function isCertainlyAfter(value: string, limitMs: number): boolean {
  const range = instantRange(value);
  if (range === undefined) return false;
  return range.earliest > limitMs || (range.earliest === limitMs && /[1-9]/.test(range.fraction.slice(3)));
}
