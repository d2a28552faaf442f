import { capInput } from '@mb-airbyte/airbyte-protocol';
import type { Logger, ServerClock } from '../http/index.js';
import { earliestInstant, isDateTimeValue } from './compare-cursor-values.js';
import type { CursorValue } from './stream-state.js';
import { LOCAL_CLOCK_MARGIN_MS } from './cursor-ceiling.js';

/**
 * How far a saved date-time cursor may run ahead of the server's clock before it counts as in the future: the clock
 * is learned from Date headers, which are truncated to the second and read after the network's delay.
 */
export const FUTURE_CURSOR_TOLERANCE_MS = 2_000;

export interface SavedCursorOptions {
  stream: string;
  cursorField: string;
  saved: CursorValue | undefined;
  clock: ServerClock;
  logger: Logger;
  localNow?: () => number;
}

/**
 * The cursor a stream reads from: the saved one, unless it is a date-time later than the server's clock. No record
 * can carry such a cursor yet, and keeping it would hide every record changed before it, sync after sync; so the
 * stream is read from the start instead (records already synced come again, none is lost), with a WARN, and the
 * state then saved is capped at the server's time as usual.
 *
 * The server's clock is known from the first response's Date header. Asked before that (a partition router deciding
 * what to fetch), the answer rests on the local clock plus a margin for skew; if the server's clock later shows the
 * cursor was in the future after all, `trustworthy()` says so, and the stream saves an empty state so the next sync
 * reads it from the start.
 */
export class SavedCursor {
  private value: CursorValue | undefined;
  private decided: boolean;
  private answeredBlind = false;
  private blindAnswerWrong = false;

  constructor(private readonly options: SavedCursorOptions) {
    this.value = options.saved;
    this.decided = options.saved === undefined || !isDateTimeValue(options.saved);
  }

  /** The cursor to read from (undefined: from the start). */
  get(): CursorValue | undefined {
    if (this.decided) return this.value;
    const saved = this.value as string;
    const server = this.options.clock.mark()();
    if (server !== undefined) {
      this.decided = true;
      if (certainlyAfter(saved, server + FUTURE_CURSOR_TOLERANCE_MS))
        this.inFuture(saved, `the server's clock (${iso(server)})`);
      return this.value;
    }
    const local = (this.options.localNow ?? Date.now)();
    if (certainlyAfter(saved, local + LOCAL_CLOCK_MARGIN_MS)) {
      this.decided = true;
      this.inFuture(
        saved,
        `this machine's clock (${iso(local)}) by more than ${LOCAL_CLOCK_MARGIN_MS / 60_000} minutes`,
      );
      return this.value;
    }
    this.answeredBlind = true;
    return this.value;
  }

  /**
   * False when the cursor was used before the server's clock was known and turned out to be in the future: records
   * may have been skipped, so the stream must not save a cursor from this sync.
   */
  trustworthy(): boolean {
    this.get();
    return !this.blindAnswerWrong;
  }

  private inFuture(saved: string, clock: string): void {
    const { stream, cursorField, logger } = this.options;
    const shown = capInput(saved, 64);
    const consequence = this.answeredBlind
      ? 'Part of this sync used it before the server had said its time, so records changed before it may be missing; ' +
        'the state saved at the end makes the next sync read the stream from the start.'
      : "This sync reads the stream from the start (records already synced are read again) and saves a cursor no later than the server's time.";
    this.blindAnswerWrong = this.answeredBlind;
    logger.warn(
      `Stream "${stream}": the saved cursor ${cursorField} ${shown} is later than ${clock}: a cursor in the future would hide every record changed before it. ${consequence}`,
    );
    this.value = undefined;
  }
}

/** A date-time without an offset counts from its earliest possible instant (see compareCursorValues). */
function certainlyAfter(saved: string, limitMs: number): boolean {
  return (earliestInstant(saved) ?? -Infinity) > limitMs;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
