import { describe, expect, it } from 'vitest';
import { ServerClock } from '../http/index.js';
import { SavedCursor } from './saved-cursor.js';

const local = Date.parse('2026-03-01T12:00:00.000Z');

function setup(saved: string | number | undefined, serverDate?: string) {
  const warnings: string[] = [];
  const clock = new ServerClock(() => local);
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (m: string) => warnings.push(m),
    error: () => undefined,
  };
  const cursor = new SavedCursor({
    stream: 'cards',
    cursorField: 'updated_at',
    saved,
    clock,
    logger,
    localNow: () => local,
  });
  if (serverDate !== undefined) clock.observe(serverDate);
  return { cursor, clock, warnings };
}

const serverNow = 'Sun, 01 Mar 2026 12:00:00 GMT';

describe('SavedCursor', () => {
  it.for([
    '9999-12-31T23:59:59Z',
    '9999-12-31',
    '2026-03-01T12:00:03Z', // 3 s ahead: beyond the 2 s a Date header can lag
    '2026-03-02T02:00:03+14:00', // 12:00:03Z
    '2026-03-01T12:00:05.123456Z',
    '2027-01-01T00:00:00',
  ])(
    'a cursor later than the server clock (%s) reads from the start, with a WARN naming the stream, the cursor and the clock',
    (saved) => {
      const { cursor, warnings } = setup(saved, serverNow);
      expect(cursor.get()).toBeUndefined();
      expect(cursor.get()).toBeUndefined();
      expect(cursor.trustworthy()).toBe(true);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(
        `Stream "cards": the saved cursor updated_at ${saved} is later than the server's clock (2026-03-01T12:00:00.000Z)`,
      );
      expect(warnings[0]).toMatch(/reads the stream from the start/);
    },
  );

  it.for([
    '2026-03-01T12:00:01.500Z',
    '2026-03-01T11:59:59Z',
    '2020-01-01T00:00:00Z',
    '2026-03-01T13:00:00+01:00',
    '2026-03-02T01:59:59+14:00',
  ])('a cursor at or before the server clock (within what a Date header can lag) is kept: %s', (saved) => {
    const { cursor, warnings } = setup(saved, serverNow);
    expect(cursor.get()).toBe(saved);
    expect(cursor.trustworthy()).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('leaves cursors that are not date-times and the absence of a cursor alone', () => {
    for (const saved of [undefined, 99_999_999, 'zzz']) {
      const { cursor, warnings } = setup(saved, serverNow);
      expect(cursor.get()).toBe(saved);
      expect(warnings).toEqual([]);
    }
  });

  it('before the server clock is known: far beyond the local clock is in the future; otherwise the answer is checked later', () => {
    const far = setup('2026-03-01T12:06:00Z'); // local + 6 min, no Date header yet
    expect(far.cursor.get()).toBeUndefined();
    expect(far.warnings[0]).toMatch(
      /later than this machine's clock \(2026-03-01T12:00:00\.000Z\) by more than 5 minutes/,
    );

    const near = setup('2026-03-01T12:04:00Z');
    expect(near.cursor.get()).toBe('2026-03-01T12:04:00Z'); // a partition router used it before any response
    near.clock.observe(serverNow); // then the server said its time: the cursor is 4 minutes in its future
    expect(near.cursor.get()).toBeUndefined();
    expect(near.cursor.trustworthy()).toBe(false);
    expect(near.warnings).toHaveLength(1);
    expect(near.warnings[0]).toMatch(
      /records changed before it may be missing; the state saved at the end makes the next sync read the stream from the start/,
    );
  });

  it('before the server clock is known: a cursor the server later confirms stays, and is trusted', () => {
    const { cursor, clock, warnings } = setup('2026-03-01T11:00:00Z');
    expect(cursor.get()).toBe('2026-03-01T11:00:00Z');
    clock.observe(serverNow);
    expect(cursor.trustworthy()).toBe(true);
    expect(cursor.get()).toBe('2026-03-01T11:00:00Z');
    expect(warnings).toEqual([]);
  });

  it('quotes at most 64 characters of a cursor', () => {
    const saved = `2099-12-31 (${'x'.repeat(200)})`; // Date.parse skips a parenthesised comment
    const { cursor, warnings } = setup(saved, serverNow);
    if (!Number.isFinite(Date.parse(saved))) return expect.fail('the test cursor must parse as a date');
    expect(cursor.get()).toBeUndefined();
    expect(warnings[0]).toContain(`${saved.slice(0, 64)}…`);
    expect(warnings[0]).not.toContain(saved);
  });
});
