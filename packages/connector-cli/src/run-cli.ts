// A connector's executable in one call: the only place that touches process.argv, process.exit and the real stdio.
import { CANCEL_SIGNALS, EXIT_WITHIN_MS, type CancelSignal } from './cancel-signals.js';
import { CORE_COMMANDS, setCoreV8Flags } from './core-v8-flags.js';
import { main, type MainOptions } from './main.js';
import { processIo } from './process-io.js';

/** What a connector's bin passes to `runCli`: the same options as `main`. */
export type RunCliOptions = MainOptions;

/**
 * Runs the command line of the current process and exits with its code: argv and stdio, fatal errors reported as
 * one ERROR trace, SIGTERM and SIGINT cancelling the run within a bound, and an exit that a forgotten socket cannot
 * hold up. Call it once, from the connector's bin.
 */
export async function runCli(options: RunCliOptions): Promise<void> {
  const taken = options.takeArguments?.(process.argv.slice(2)) ?? { rest: process.argv.slice(2) };
  if (CORE_COMMANDS.includes(taken.rest[0] ?? '')) await setCoreV8Flags();
  const wiring = wireProcess(options.name);
  const exitCode = await main(taken.rest, wiring.io, { ...options, takeArguments: () => taken });
  wiring.finish(exitCode);
}

interface ProcessWiring {
  io: ReturnType<typeof processIo>;
  /** Sets the exit code once the command is done (unless a signal already decided it). */
  finish(exitCode: number): void;
}

function wireProcess(name: string): ProcessWiring {
  const fatalHandlers = new Set<(error: unknown) => Promise<void>>();
  const cancelHandlers = new Set<(signal: CancelSignal) => Promise<void>>();
  /** The exit code of the signal that cancelled the run, once one did. */
  let cancelledWith: number | undefined;

  async function onCancel(signal: CancelSignal): Promise<void> {
    if (cancelledWith !== undefined) return; // already on the way out, within the bound
    cancelledWith = CANCEL_SIGNALS[signal];
    process.exitCode = cancelledWith;
    // Whatever happens below (a reader that takes nothing, a handler that hangs), the process is gone in time.
    setTimeout(() => process.exit(cancelledWith), EXIT_WITHIN_MS).unref();
    try {
      await Promise.all([...cancelHandlers].map((handler) => handler(signal)));
      await drained(process.stdout);
    } finally {
      process.exit(cancelledWith);
    }
  }
  for (const signal of Object.keys(CANCEL_SIGNALS) as CancelSignal[])
    process.on(signal, (received: CancelSignal) => void onCancel(received));

  async function onFatal(error: unknown): Promise<void> {
    if (cancelledWith !== undefined) return; // a cancelled run may fail as it unwinds: the cancellation speaks for it
    process.exitCode = 1;
    try {
      if (fatalHandlers.size === 0)
        process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      for (const handler of fatalHandlers) await handler(error);
    } finally {
      // Work may still be pending (sockets, timers): the ERROR trace is flushed, so stop here.
      process.exit(1);
    }
  }
  process.on('uncaughtException', (error) => void onFatal(error));
  process.on('unhandledRejection', (reason) => void onFatal(reason));

  const io = processIo(
    (handler) => {
      fatalHandlers.add(handler);
      return () => fatalHandlers.delete(handler);
    },
    (handler) => {
      cancelHandlers.add(handler);
      return () => cancelHandlers.delete(handler);
    },
  );
  return {
    io,
    finish(exitCode) {
      if (cancelledWith !== undefined) return;
      process.exitCode = exitCode;
      // stdout is flushed. Should anything still hold the event loop open (a socket nobody closed), do not hang the
      // sync: leave after a grace period that an orderly exit never reaches (the timer does not keep the process alive).
      setTimeout(() => process.exit(exitCode), 3_000).unref();
    },
  };
}

/** Resolves once everything handed to `out` so far has reached the pipe (an empty write completes after them). */
function drained(out: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    out.write('', () => {
      resolve();
    });
  });
}
