import type { Logger } from '../http/index.js';
import type { SelectedRecord } from '../records/index.js';
import { compareCursorValues } from './compare-cursor-values.js';
import { cursorState, type CursorValue } from './stream-state.js';

/**
 * The incremental filter and the cursor to save. A record passes when its cursor is >= the saved one, or when it has
 * none (never lose a record because of a missing value). The final state is the largest cursor seen.
 *
 * Intermediate states (ascending streams only) save the largest cursor value *below* the current maximum: every
 * record at or below it has been emitted (the API promised ascending order) and records sharing the current maximum
 * may still come. Next sync reads again from that value (>=), so nothing is skipped, and because the final state is
 * strictly larger, no two states of a stream are ever identical. If the order is broken, intermediate states stop.
 */
export class CursorTracker {
  private max: CursorValue | undefined;
  private belowMax: CursorValue | undefined;
  private lastSaved: CursorValue | undefined;
  private ordered: boolean;

  constructor(
    private readonly stream: string,
    private readonly field: string,
    private readonly saved: CursorValue | undefined,
    ascending: boolean,
    private readonly logger: Logger,
  ) {
    this.ordered = ascending;
  }

  /** Whether the record should be emitted; updates the maximum. Parses the record. */
  accept(record: SelectedRecord): boolean {
    const value = (record.value as Record<string, unknown>)[this.field];
    if (typeof value !== 'string' && typeof value !== 'number') return true;
    if (this.saved !== undefined && compareCursorValues(value, this.saved) < 0) return false;
    if (this.max === undefined || compareCursorValues(value, this.max) > 0) {
      this.belowMax = this.max;
      this.max = value;
    } else if (this.ordered && compareCursorValues(value, this.max) < 0) {
      this.ordered = false;
      this.logger.warn(`Stream "${this.stream}": records are not in ascending ${this.field} order; its state will be saved only at the end.`);
    }
    return true;
  }

  /** A safe intermediate state, if there is a new one. */
  checkpoint(): Record<string, unknown> | undefined {
    const value = this.belowMax;
    if (!this.ordered || value === undefined) return undefined;
    if (this.lastSaved !== undefined && compareCursorValues(value, this.lastSaved) <= 0) return undefined;
    this.lastSaved = value;
    return cursorState(this.field, value);
  }

  finalState(): Record<string, unknown> {
    return cursorState(this.field, this.max ?? this.saved);
  }
}
