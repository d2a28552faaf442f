// A connector's command line, from one call: `runCli` for its bin, `main` to run it in-process.
export { runCli, type RunCliOptions } from './run-cli.js';
export { main, type MainOptions, type TakenArguments } from './main.js';
export type { ConnectorSource } from './connector-source.js';
export type { CliIo } from './cli-io.js';
export { processIo } from './process-io.js';
export { CANCEL_SIGNALS, EXIT_WITHIN_MS, FINAL_FLUSH_WITHIN_MS, type CancelSignal } from './cancel-signals.js';
export { parseCliArgs, commandNames, type CliRequest, type CommandName } from './cli-args.js';
export { usageText, type UsageOptions } from './usage.js';
export { formatSeconds, formatStreamTable, type StreamRow } from './progress/stream-table.js';
