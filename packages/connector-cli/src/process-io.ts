import type { CliIo } from './cli-io.js';

/**
 * The real process's stdio and clock as the CLI's io, for a bin; `onFatalError` wires the bin's fatal handlers and
 * `onCancelSignal` its SIGTERM/SIGINT handlers (without it, a signal is not seen by the run).
 */
export function processIo(
  onFatalError: NonNullable<CliIo['onFatalError']>,
  onCancelSignal?: CliIo['onCancelSignal'],
): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: process.stderr.isTTY,
    ...(process.stderr.isTTY ? { stderrColumns: process.stderr.columns } : {}),
    now: () => performance.now(),
    onFatalError,
    ...(onCancelSignal === undefined ? {} : { onCancelSignal }),
  };
}
