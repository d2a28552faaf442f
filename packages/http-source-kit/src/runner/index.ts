export { runSource, type RunSourceOptions, type SourceCommand } from './run-source.js';
export { RunOutput, type LogLevelName, type MessageSink, type RunOutputOptions } from './run-output.js';
export { describeError, GENERIC_MESSAGE, type DescribedError } from './describe-error.js';
export { parseInputState, type InputStates } from '../state/input-state.js';
export { FatalCause } from './fatal-cause.js';
