import { Writable } from 'node:stream';
import { AirbyteMessageSchema, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import type { CancelSignal } from '../cancel-signals.js';
import type { CliIo } from '../cli-io.js';

/** A stream that keeps what is written to it. */
export class MemoryStream extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

export interface MemoryIo extends CliIo {
  stdout: MemoryStream;
  stderr: MemoryStream;
  /** stdout parsed line by line with the protocol schema (throws on a line that is not a message). */
  messages(): AirbyteMessage[];
  /** The handler the CLI registered for uncaught errors, if any is registered right now. */
  fatal(): ((error: unknown) => Promise<void>) | undefined;
  /** The handler the CLI registered for SIGTERM/SIGINT, if any is registered right now. */
  cancel(): ((signal: CancelSignal) => Promise<void>) | undefined;
}

/** In-memory stdio for `main`, optionally posing as a terminal (with a clock that moves 10 ms per reading). */
export function memoryIo(options: { tty?: boolean; stdout?: MemoryStream } = {}): MemoryIo {
  let clock = 0;
  let fatalHandler: ((error: unknown) => Promise<void>) | undefined;
  let cancelHandler: ((signal: CancelSignal) => Promise<void>) | undefined;
  const stdout = options.stdout ?? new MemoryStream();
  return {
    stdout,
    stderr: new MemoryStream(),
    stderrIsTTY: options.tty === true,
    stderrColumns: 100,
    now: () => (clock += 10),
    onFatalError: (handler) => {
      fatalHandler = handler;
      return () => {
        fatalHandler = undefined;
      };
    },
    fatal: () => fatalHandler,
    onCancelSignal: (handler) => {
      cancelHandler = handler;
      return () => {
        cancelHandler = undefined;
      };
    },
    cancel: () => cancelHandler,
    messages: () =>
      stdout.text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => AirbyteMessageSchema.parse(JSON.parse(line))),
  };
}
