import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/index.js';
import { cursorState, savedCursor, type CursorStateShape } from './stream-state.js';

const versioned: CursorStateShape = { cursorField: 'updated_at', stateVersion: 1, dateTime: true };
const plain: CursorStateShape = { cursorField: 'seq' };

function refusal(shape: CursorStateShape, state: unknown): ConnectorError {
  try {
    savedCursor('cards', shape, state);
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(state)}`);
}

describe('saved stream states', () => {
  it('reads nothing, {} and the full-refresh marker as "no cursor": the whole stream is read', () => {
    for (const state of [undefined, null, {}, { __ab_no_cursor_state_message: true }])
      expect(savedCursor('cards', versioned, state)).toBeUndefined();
  });

  it('reads the cursor with or without state_version (absent counts as 1)', () => {
    expect(savedCursor('cards', versioned, { updated_at: '2024-05-01T10:00:00.123Z', state_version: 1 })).toBe(
      '2024-05-01T10:00:00.123Z',
    );
    expect(savedCursor('cards', versioned, { updated_at: '2024-05-01T10:00:00Z' })).toBe('2024-05-01T10:00:00Z');
    expect(savedCursor('cards', plain, { seq: 42 })).toBe(42);
  });

  it('refuses a newer or unknown format with a config_error naming the stream and the expected shape', () => {
    const newer = refusal(versioned, { updated_at: '2024-05-01T10:00:00Z', state_version: 2 });
    expect(newer.failureType).toBe('config_error');
    expect(newer.userMessage).toContain('The saved state of stream "cards" is not understood');
    expect(newer.userMessage).toContain(
      'expected {"updated_at": "<date-time>", "state_version": 1}, found state_version 2',
    );
    expect(refusal(versioned, { updated_at: '2024-05-01T10:00:00Z', partitions: [] }).userMessage).toContain(
      'found keys updated_at, partitions',
    );
    expect(refusal(versioned, { state_version: 1 }).userMessage).toContain('found keys state_version');
    expect(refusal(versioned, { updated_at: 'yesterday' }).userMessage).toContain(
      'found updated_at "yesterday", not a date-time',
    );
    expect(refusal(versioned, { updated_at: { at: 1 } }).userMessage).toContain('found updated_at {"at":1}');
    expect(refusal(versioned, ['2024-05-01']).userMessage).toContain('found an array');
    expect(refusal(plain, 'x').userMessage).toContain('expected {"seq": <value>}, found a string');
    expect(refusal(plain, { seq: 1, state_version: 2 }).userMessage).toContain('found state_version 2');
  });

  it('writes state_version next to the cursor only for versioned streams', () => {
    expect(cursorState(versioned, '2024-05-01T10:00:00Z')).toEqual({
      updated_at: '2024-05-01T10:00:00Z',
      state_version: 1,
    });
    expect(cursorState(plain, 7)).toEqual({ seq: 7 });
    expect(cursorState(versioned, undefined)).toEqual({});
  });
});
