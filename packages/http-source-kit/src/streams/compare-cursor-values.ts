/**
 * Orders cursor values: numbers numerically; date-times by instant (so `…T10:00:00Z` and `…T12:00:00+02:00` are
 * equal, and fractional seconds beyond milliseconds still count); other strings by code units. Mixed kinds compare
 * as strings, which is at least stable.
 */
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

function fractionDigits(value: string): string {
  const match = /T[\d:]+\.(\d+)/.exec(value);
  return (match?.[1] ?? '').padEnd(9, '0').slice(0, 9);
}

/** Whether a cursor value reads as a date-time (an ISO-8601 date, with or without a time, that Date.parse accepts). */
export function isDateTimeValue(value: string | number): value is string {
  return typeof value === 'string' && DATE_LIKE.test(value) && Number.isFinite(Date.parse(value));
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

export function compareCursorValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  const left = String(a);
  const right = String(b);
  if (DATE_LIKE.test(left) && DATE_LIKE.test(right)) {
    const l = Date.parse(left);
    const r = Date.parse(right);
    if (Number.isFinite(l) && Number.isFinite(r)) {
      if (l !== r) return sign(l - r);
      const lf = fractionDigits(left);
      const rf = fractionDigits(right);
      return lf < rf ? -1 : lf > rf ? 1 : 0;
    }
  }
  return left < right ? -1 : left > right ? 1 : 0;
}
