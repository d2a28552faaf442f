import { describe, expect, it } from 'vitest';
import { ReadProgress } from './read-progress.js';
import { formatStreamTable } from './stream-table.js';

function fakeTerminal() {
  const chunks: string[] = [];
  return { chunks, write: (chunk: string) => chunks.push(chunk), text: () => chunks.join('') };
}

describe('ReadProgress', () => {
  it('redraws one live line per running stream at most once per interval and leaves a line per finished stream', () => {
    let clock = 0;
    const out = fakeTerminal();
    const progress = new ReadProgress(out, { now: () => clock, redrawEveryMs: 100 });
    progress.started('cards');
    for (let i = 0; i < 1000; i += 1) {
      clock += 1; // 1,000 records over one second
      progress.record('cards');
    }
    const redraws = out.chunks.filter((chunk) => chunk.startsWith('\r\x1b[2K....')).length;
    expect(redraws).toBeGreaterThanOrEqual(10);
    expect(redraws).toBeLessThanOrEqual(11);
    progress.ended('cards', 'COMPLETE');
    expect(out.text()).toContain('done cards: 1,000 records, 1.00s, 1,000/s\n');
    progress.record('users'); // a stream without a STARTED status still shows
    clock += 500;
    progress.ended('users', 'INCOMPLETE');
    expect(out.text()).toContain('FAIL users: 1 records, 0.50s, 2/s\n');
    progress.finish();
    expect(out.text()).toMatch(/stream\s+status\s+records\s+time\s+rate\n/);
    expect(out.text()).toMatch(/total \(2 streams\)\s+1,001\s+1\.50s\s+667\/s\n$/);
  });

  it('keeps the live line within the terminal width', () => {
    const out = fakeTerminal();
    const progress = new ReadProgress(out, { now: () => 0, columns: 30 });
    progress.started('a_stream_with_a_very_long_name_indeed');
    const live = out.chunks.at(-1) ?? '';
    expect(live.replace('\r\x1b[2K', '')).toHaveLength(29);
  });

  it('does not cut the live line for a terminal that reports no width', () => {
    const out = fakeTerminal();
    const progress = new ReadProgress(out, { now: () => 0, columns: 0 });
    progress.started('cards');
    expect(out.chunks.at(-1)).toBe('\r\x1b[2K.... cards: 0 records, 0.00s, -');
  });

  it('prints nothing at the end when no stream ran', () => {
    const out = fakeTerminal();
    new ReadProgress(out, { now: () => 0 }).finish();
    expect(out.text()).toBe('');
  });
});

describe('formatStreamTable', () => {
  it('aligns numbers right and sums the streams', () => {
    const table = formatStreamTable([
      { stream: 'cards', status: 'COMPLETE', records: 12_345, elapsedMs: 2_000 },
      { stream: 'users', status: 'COMPLETE', records: 5, elapsedMs: 0 },
    ]);
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[2]).toMatch(/^cards\s+COMPLETE\s+12,345\s+2\.00s\s+6,173\/s$/);
    expect(lines[3]).toMatch(/^users\s+COMPLETE\s+5\s+0\.00s\s+-$/);
    expect(lines[5]).toMatch(/^total \(2 streams\)\s+12,350\s+2\.00s\s+6,175\/s$/);
  });
});
