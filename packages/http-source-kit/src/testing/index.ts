// In-process helpers for testing sources built with the kit: run a command, get every stdout line parsed.
export {
  readSource,
  checkSource,
  discoverSource,
  specSource,
  type ReadSourceOptions,
  type StreamSelection,
} from './read-source.js';
export { runSourceInMemory, memoryOutput } from './run-in-memory.js';
export { parseSourceOutput, type SourceOutput } from './source-output.js';
export { secretEncodings } from './secret-encodings.js';
