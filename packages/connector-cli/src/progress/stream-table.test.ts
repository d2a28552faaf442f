import { describe, expect, it } from 'vitest';
import { formatCount, formatStreamTable } from './stream-table.js';

describe('formatCount', () => {
  it('groups digits by three with commas, as en-US does, after rounding', () => {
    const intl = new Intl.NumberFormat('en-US');
    for (const n of [0, 7, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 1_234_567.4, 2 ** 53, -1, -1234, -1_000_000])
      expect(formatCount(n), String(n)).toBe(intl.format(Math.round(n)));
  });
});

describe('formatStreamTable', () => {
  it('right-aligns the counts and totals the records', () => {
    const table = formatStreamTable([
      { stream: 'cards', status: 'COMPLETE', records: 1234, elapsedMs: 2000 },
      { stream: 'users', status: 'COMPLETE', records: 5, elapsedMs: 500 },
    ]);
    expect(table).toContain('cards');
    expect(table).toMatch(/total \(2 streams\)\s+1,239/);
    expect(table.split('\n').find((line) => line.startsWith('users'))).toMatch(/\s+5\s+0\.50s\s+10\/s$/);
  });
});
