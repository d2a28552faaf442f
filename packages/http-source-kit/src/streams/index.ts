export type * from './stream-definition.js';
export type { StreamReadContext } from './stream-read-context.js';
export { defineStream } from './define-stream.js';
export { readStreamRecords, connectionsNeeded, derivedBatch, resolveStream } from './read-stream-records.js';
export {
  compareCursorValues, cursorMayBeAtOrAfter, earliestInstant, hasUtcOffset, isCertainlyAfter, isDateTimeValue, NO_OFFSET_EARLIER_MS, NO_OFFSET_LATER_MS,
} from './compare-cursor-values.js';
export { CursorTracker, type CursorTrackerOptions } from './cursor-tracker.js';
export { cursorStateShape } from './cursor-state-shape.js';
export { NO_CURSOR_STATE, STATE_VERSION_KEY, cursorState, savedCursor, type CursorStateShape, type CursorValue } from './stream-state.js';
