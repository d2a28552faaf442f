export type {
  JsonRecord,
  PerPartition,
  RequestContext,
  StreamContext,
  StreamDefinition,
  StreamRequest,
  TransformContext,
} from './stream-definition.js';
export type { StreamReadContext } from './stream-read-context.js';
export { defineStream } from './define-stream.js';
export { readStreamRecords, connectionsNeeded } from './read-stream-records.js';
export { compareCursorValues } from './compare-cursor-values.js';
export { CursorTracker } from './cursor-tracker.js';
export { NO_CURSOR_STATE, cursorState, savedCursor, type CursorValue } from './stream-state.js';
