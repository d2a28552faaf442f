export {
  compareCursorValues,
  cursorMayBeAtOrAfter,
  earliestInstant,
  hasUtcOffset,
  isCertainlyAfter,
  isDateTimeValue,
  NO_OFFSET_EARLIER_MS,
  NO_OFFSET_LATER_MS,
} from './compare-cursor-values.js';
export { CursorTracker, type CursorTrackerOptions } from './cursor-tracker.js';
export { cursorStateShape } from './cursor-state-shape.js';
export {
  NO_CURSOR_STATE,
  STATE_VERSION_KEY,
  cursorState,
  savedCursor,
  type CursorStateShape,
  type CursorValue,
} from './stream-state.js';
export { parseInputState, type InputStates } from './input-state.js';
export { SavedCursor } from './saved-cursor.js';
export { streamStartCeiling } from './cursor-ceiling.js';
