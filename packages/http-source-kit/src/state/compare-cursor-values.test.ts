import { describe, expect, it } from 'vitest';
import {
  compareCursorValues,
  cursorMayBeAtOrAfter,
  earliestInstant,
  hasUtcOffset,
  isCertainlyAfter,
  isDateTimeValue,
  NO_OFFSET_EARLIER_MS,
} from './compare-cursor-values.js';

describe('compareCursorValues', () => {
  it('orders numbers numerically and date-times by instant, fractions included', () => {
    expect(compareCursorValues(9, 10)).toBe(-1);
    expect(compareCursorValues('2024-01-01T12:00:00+02:00', '2024-01-01T10:00:00Z')).toBe(0);
    expect(compareCursorValues('2024-01-01T10:00:00Z', '2024-01-01T10:00:00.000Z')).toBe(0);
    expect(compareCursorValues('2024-01-01T10:00:00.000002Z', '2024-01-01T10:00:00.000001Z')).toBe(1);
    expect(compareCursorValues('2024-01-02', '2024-01-10T00:00:00Z')).toBe(-1);
  });

  it('falls back to code-unit order for other strings', () => {
    expect(compareCursorValues('b', 'a')).toBe(1);
    expect(compareCursorValues('v10', 'v9')).toBe(-1);
  });
});

describe('date-times without an offset (a MySQL-backed server)', () => {
  const noOffset = '2024-03-05T10:00:00.123456';

  it('are read as wall times, never in this machine zone: among themselves in wall-time order, fractions included', () => {
    expect(compareCursorValues('2024-03-05T10:00:00.123457', noOffset)).toBe(1);
    expect(compareCursorValues('2024-03-05T09:59:59', noOffset)).toBe(-1);
    expect(compareCursorValues(noOffset, noOffset)).toBe(0);
    expect(isDateTimeValue(noOffset)).toBe(true);
    expect(hasUtcOffset(noOffset)).toBe(false);
    expect(hasUtcOffset('2024-03-05T10:00:00-07:00')).toBe(true);
    expect(hasUtcOffset('2024-03-05')).toBe(false); // a bare date: its zone is not said either
  });

  it('may be any instant from 14 hours before their wall time read as UTC to 12 hours after it', () => {
    const wall = Date.parse(`${noOffset}Z`);
    expect(earliestInstant(noOffset)).toBe(wall - NO_OFFSET_EARLIER_MS);
    expect(earliestInstant('2024-03-05T10:00:00.123Z')).toBe(wall);
  });

  it('pass a saved cursor unless certainly earlier, whichever of the two lacks the offset', () => {
    // The record is at most 12 hours later than its wall time read as UTC.
    expect(cursorMayBeAtOrAfter('2024-03-05T00:00:00', '2024-03-05T11:59:59Z')).toBe(true);
    expect(cursorMayBeAtOrAfter('2024-03-05T00:00:00', '2024-03-05T12:00:00.000001Z')).toBe(false);
    // The saved cursor is at least 14 hours earlier than its wall time read as UTC.
    expect(cursorMayBeAtOrAfter('2024-03-05T10:00:00Z', '2024-03-06T00:00:00')).toBe(true);
    expect(cursorMayBeAtOrAfter('2024-03-05T09:59:59Z', '2024-03-06T00:00:00')).toBe(false);
    // Both without: the same instance, the same zone, so wall times compare, within the same day's uncertainty.
    expect(cursorMayBeAtOrAfter('2024-03-04T08:00:00', '2024-03-05T10:00:00')).toBe(true);
    expect(cursorMayBeAtOrAfter('2024-03-04T07:59:59', '2024-03-05T10:00:00')).toBe(false);
  });

  it('are certainly after a limit only when their earliest instant is', () => {
    const limit = Date.parse('2024-03-05T10:00:00Z');
    expect(isCertainlyAfter('2024-03-06T00:00:00', limit)).toBe(false);
    expect(isCertainlyAfter('2024-03-06T00:00:00.001', limit)).toBe(true);
    expect(isCertainlyAfter('2024-03-05T10:00:00.000001Z', limit)).toBe(true);
    expect(isCertainlyAfter('2024-03-05T10:00:00Z', limit)).toBe(false);
  });
});
