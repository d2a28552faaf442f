import { describe, expect, it } from 'vitest';
import { compareCursorValues } from './compare-cursor-values.js';

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
