export { main, type MainOptions } from './main.js';
export type { ConnectorSource } from './connector-source.js';
export type { CliIo } from './cli-io.js';
export { processIo } from './process-io.js';
export { CANCEL_SIGNALS, type CancelSignal } from './cancel-signals.js';
export { parseCliArgs, commandNames, type CliRequest, type CommandName } from './cli-args.js';
export { cliVersion } from './version.js';
export type { UsageOptions } from './usage.js';
