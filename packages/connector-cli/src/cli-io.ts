import type { CancelSignal } from './cancel-signals.js';

/** Everything the CLI touches outside itself, injected so the whole CLI runs in-process in tests. */
export interface CliIo {
  /** Protocol messages only, written by the MessageWriter. */
  stdout: NodeJS.WritableStream;
  /** Usage, progress and summaries for people. */
  stderr: NodeJS.WritableStream;
  /** A person watches stderr: show live progress and a summary there. */
  stderrIsTTY?: boolean;
  /** Terminal width, to keep the live progress line on one row. */
  stderrColumns?: number;
  /** Clock for progress rates (ms). */
  now?: () => number;
  /**
   * Subscribes to errors that escaped every `await` (the bin wires process 'uncaughtException' and
   * 'unhandledRejection'). The handler reports the error on stdout and resolves once that is flushed.
   * Returns an unsubscribe function.
   */
  onFatalError?: (handler: (error: unknown) => Promise<void>) => () => void;
  /**
   * Subscribes to the signals that cancel the run (the bin wires SIGTERM and SIGINT). The handler ends the output
   * and resolves once it is flushed (or given up on); the bin then exits. Returns an unsubscribe function.
   */
  onCancelSignal?: (handler: (signal: CancelSignal) => Promise<void>) => () => void;
}

/** Writes text and resolves once the stream took it (or rejects on a stream error such as EPIPE). */
export function writeText(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (error) => {
      if (error) reject(error);
      else resolve();
    });
  });
}
