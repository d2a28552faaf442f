import { describe, expect, it } from 'vitest';
import { silentLogger } from '../http/index.js';
import { SelectedRecord } from '../records/index.js';
import { CursorTracker, type CursorTrackerOptions } from './cursor-tracker.js';

const shape = { cursorField: 'updated_at', stateVersion: 1, dateTime: true };
const at = (iso: string) => SelectedRecord.fromValue({ updated_at: iso });
const tracker = (options: Partial<CursorTrackerOptions> = {}) =>
  new CursorTracker({ stream: 's', shape, saved: undefined, ascending: false, logger: silentLogger(), ...options });

describe('CursorTracker', () => {
  it('caps the saved date-time at the ceiling, so records newer than the stream start are read again', () => {
    const t = tracker({ ceiling: () => Date.parse('2024-06-01T00:00:00.000Z') });
    for (const iso of ['2024-05-01T00:00:00Z', '2024-06-02T00:00:00Z', '2024-05-20T00:00:00Z'])
      expect(t.accept(at(iso))).toBe(true);
    expect(t.finalState()).toEqual({ updated_at: '2024-06-01T00:00:00.000Z', state_version: 1 });
  });

  it('keeps a maximum below the ceiling, and never saves less than the saved cursor', () => {
    const below = tracker({ ceiling: () => Date.parse('2024-06-01T00:00:00Z') });
    below.accept(at('2024-05-01T00:00:00Z'));
    expect(below.finalState()).toEqual({ updated_at: '2024-05-01T00:00:00Z', state_version: 1 });
    const saved = '2024-07-01T00:00:00Z'; // from a sync whose server clock ran ahead
    const ahead = tracker({ saved, ceiling: () => Date.parse('2024-06-01T00:00:00Z') });
    expect(ahead.accept(at('2024-06-15T00:00:00Z'))).toBe(false);
    ahead.accept(at('2024-08-01T00:00:00Z'));
    expect(ahead.finalState()).toEqual({ updated_at: saved, state_version: 1 });
    expect(tracker({ saved, ceiling: () => 0 }).finalState()).toEqual({ updated_at: saved, state_version: 1 });
  });

  it('never skips a record for want of an offset: wall times (a server at UTC-05:00) against the saved state and the ceiling', () => {
    // The stream starts at 10:00Z (05:00 on the server's wall). A record read at 05:00:30 pushes the maximum; another
    // record, read before it was edited at 05:00:10 (10:00:10Z), is only seen by the next sync.
    const ceiling = Date.parse('2024-06-01T10:00:00Z');
    const first = tracker({ ceiling: () => ceiling });
    for (const wall of ['2024-06-01T04:00:00.000001', '2024-06-01T05:00:30.5'])
      expect(first.accept(at(wall))).toBe(true);
    const state = first.finalState();
    expect(state).toEqual({ updated_at: '2024-06-01T05:00:30.5', state_version: 1 }); // the record's own text
    const next = tracker({ saved: String(state.updated_at), ceiling: () => ceiling + 3_600_000 });
    expect(next.accept(at('2024-06-01T05:00:10'))).toBe(true); // edited during the first read
    expect(next.accept(at('2024-05-31T03:00:30.5'))).toBe(true); // up to 26 hours earlier is read again
    expect(next.accept(at('2024-05-31T03:00:30.4'))).toBe(false);
    expect(next.accept(at('2024-06-01T00:00:00Z'))).toBe(true); // a record that gained an offset (an upgrade)
  });

  it('caps a wall time only when it is certainly later than the ceiling', () => {
    const ceiling = Date.parse('2024-06-01T10:00:00Z');
    const t = tracker({ ceiling: () => ceiling });
    t.accept(at('2024-06-02T00:00:00'));
    expect(t.finalState()).toEqual({ updated_at: '2024-06-02T00:00:00', state_version: 1 });
    t.accept(at('2024-06-02T00:00:00.001'));
    expect(t.finalState()).toEqual({ updated_at: '2024-06-01T10:00:00.000Z', state_version: 1 });
  });

  it('leaves numeric cursors alone', () => {
    const t = new CursorTracker({
      stream: 's',
      shape: { cursorField: 'seq' },
      saved: undefined,
      ascending: false,
      logger: silentLogger(),
      ceiling: () => 5,
    });
    t.accept(SelectedRecord.fromValue({ seq: 900 }));
    expect(t.finalState()).toEqual({ seq: 900 });
  });

  it('skips intermediate states that would need capping (they could repeat the final one)', () => {
    const t = tracker({ ascending: true, ceiling: () => Date.parse('2024-06-01T00:00:00Z') });
    t.accept(at('2024-05-01T00:00:00Z'));
    t.accept(at('2024-05-02T00:00:00Z'));
    expect(t.checkpoint()).toEqual({ updated_at: '2024-05-01T00:00:00Z', state_version: 1 });
    t.accept(at('2024-06-05T00:00:00Z'));
    t.accept(at('2024-06-06T00:00:00Z'));
    expect(t.checkpoint()).toBeUndefined();
    expect(t.finalState()).toEqual({ updated_at: '2024-06-01T00:00:00.000Z', state_version: 1 });
  });

  it('filters and saves by a derived value when the stream gives one', () => {
    const t = tracker({
      saved: '2024-05-10T00:00:00Z',
      cursorValue: (record) =>
        [record.updated_at, record.edited_at]
          .filter((v) => typeof v === 'string')
          .sort()
          .at(-1),
    });
    expect(
      t.accept(SelectedRecord.fromValue({ updated_at: '2024-05-01T00:00:00Z', edited_at: '2024-05-11T00:00:00Z' })),
    ).toBe(true);
    expect(t.accept(SelectedRecord.fromValue({ updated_at: '2024-05-01T00:00:00Z', edited_at: null }))).toBe(false);
    expect(t.finalState()).toEqual({ updated_at: '2024-05-11T00:00:00Z', state_version: 1 });
  });
});
