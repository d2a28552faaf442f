import type { Logger } from '../http/index.js';
import type { SelectedRecord } from '../records/index.js';
import {
  compareCursorValues,
  cursorMayBeAtOrAfter,
  isCertainlyAfter,
  isDateTimeValue,
} from './compare-cursor-values.js';
import { cursorState, type CursorStateShape, type CursorValue } from './stream-state.js';
import type { JsonRecord } from '../streams/stream-definition.js';

export interface CursorTrackerOptions {
  stream: string;
  shape: CursorStateShape;
  /** The cursor of the previous sync, if any; a function is asked at each use (the runner's is checked against the server's clock). */
  saved: CursorValue | undefined | (() => CursorValue | undefined);
  /** The API promises records in ascending cursor order (enables intermediate states). */
  ascending: boolean;
  /** False when the API filters by the cursor the request carries: every record passes (default true). */
  filter?: boolean;
  logger: Logger;
  /** A record's cursor value (default: its `shape.cursorField`). */
  cursorValue?: ((record: JsonRecord) => unknown) | undefined;
  /**
   * The latest instant (epoch ms) a saved date-time cursor may hold: the server's time when the stream started,
   * less a margin. A record edited while a long read runs may have been read before the edit, while a later record
   * pushes the maximum past the edit; capping the state makes the next sync read such edits again.
   */
  ceiling?: (() => number | undefined) | undefined;
}

/**
 * The incremental filter and the cursor to save. A record passes when its cursor is >= the saved one, or when it has
 * none (never lose a record because of a missing value). The final state is the largest cursor seen, capped by the
 * ceiling (never below the saved cursor).
 *
 * Intermediate states (ascending streams only) save the largest cursor value *below* the current maximum: every
 * record at or below it has been emitted (the API promised ascending order) and records sharing the current maximum
 * may still come. Next sync reads again from that value (>=), so nothing is skipped, and because the final state is
 * strictly larger, no two states of a stream are ever identical. If the order is broken, or a value would need
 * capping, intermediate states stop.
 */
export class CursorTracker {
  private max: CursorValue | undefined;
  private belowMax: CursorValue | undefined;
  private lastSaved: CursorValue | undefined;
  private ordered: boolean;
  private readonly savedCursor: () => CursorValue | undefined;

  constructor(private readonly options: CursorTrackerOptions) {
    this.ordered = options.ascending;
    const saved = options.saved;
    this.savedCursor = typeof saved === 'function' ? saved : () => saved;
  }

  /** Whether the record should be emitted; updates the maximum. Parses the record. */
  accept(record: SelectedRecord): boolean {
    const { shape, cursorValue } = this.options;
    const saved = this.savedCursor();
    const data = record.value as JsonRecord;
    const value = cursorValue === undefined ? data[shape.cursorField] : cursorValue(data);
    if (typeof value !== 'string' && typeof value !== 'number') return true;
    if (this.options.filter !== false && saved !== undefined && !cursorMayBeAtOrAfter(value, saved)) return false;
    if (this.max === undefined || compareCursorValues(value, this.max) > 0) {
      this.belowMax = this.max;
      this.max = value;
    } else if (this.ordered && compareCursorValues(value, this.max) < 0) {
      this.ordered = false;
      this.options.logger.warn(
        `Stream "${this.options.stream}": records are not in ascending ${shape.cursorField} order; its state will be saved only at the end.`,
      );
    }
    return true;
  }

  /** A safe intermediate state, if there is a new one. */
  checkpoint(): Record<string, unknown> | undefined {
    const value = this.belowMax;
    if (!this.ordered || value === undefined || this.capped(value) !== value) return undefined;
    if (this.lastSaved !== undefined && compareCursorValues(value, this.lastSaved) <= 0) return undefined;
    this.lastSaved = value;
    return cursorState(this.options.shape, value);
  }

  finalState(): Record<string, unknown> {
    const value = this.max ?? this.savedCursor();
    return cursorState(this.options.shape, value === undefined ? undefined : this.capped(value));
  }

  /**
   * `value`, or the ceiling when the value is a date-time that may be later than it (but never below the saved
   * cursor). Every record changed after the ceiling then passes the next sync's filter: its latest possible instant is
   * after the ceiling, and so after the saved value's earliest. A value without an offset is kept unless it is
   * certainly later (its wall time more than 14 hours ahead).
   */
  private capped(value: CursorValue): CursorValue {
    const ceiling = this.options.ceiling?.();
    if (ceiling === undefined || !Number.isFinite(ceiling) || !isDateTimeValue(value)) return value;
    if (!isCertainlyAfter(value, ceiling)) return value;
    const limit = new Date(ceiling).toISOString();
    const saved = this.savedCursor();
    return saved !== undefined && compareCursorValues(saved, limit) > 0 ? saved : limit;
  }
}
