export type { StreamReadContext } from './stream-read-context.js';
export { readStreamRecords, connectionsNeeded, derivedBatch, resolveStream } from './read-stream-records.js';
