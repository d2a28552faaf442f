import type { CliIo } from './cli-io.js';

/** The real process's stdio and clock as the CLI's io, for a bin; `onFatalError` wires the bin's fatal handlers. */
export function processIo(onFatalError: NonNullable<CliIo['onFatalError']>): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: process.stderr.isTTY,
    ...(process.stderr.isTTY ? { stderrColumns: process.stderr.columns } : {}),
    now: () => performance.now(),
    onFatalError,
  };
}
