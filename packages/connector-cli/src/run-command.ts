import { errorTraceMessage, logMessage, streamStatusMessage, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { describeError, SecretMasker } from '@mb-airbyte/http-source-kit';
import { FINAL_FLUSH_WITHIN_MS, type CancelSignal } from './cancel-signals.js';
import type { CommandRequest } from './cli-args.js';
import type { CliIo } from './cli-io.js';
import { executeCommand, type CommandContext } from './execute-command.js';
import type { ConnectorSource } from './connector-source.js';
import { ObservedWriter } from './observed-writer.js';
import { progressObserver } from './progress/progress-observer.js';
import { ReadProgress } from './progress/read-progress.js';
import { StreamStatusTracker } from './stream-status-tracker.js';

/** What a command needs besides the request and the io: the command's name and the source, loaded on demand. */
export interface RunCommandOptions {
  name: string;
  loadSource: () => Promise<ConnectorSource>;
}

/**
 * Runs one protocol command with stdout owned by a single MessageWriter. Whatever happens, the output is
 * flushed before this resolves, and a failure the runner did not report becomes one ERROR trace (masked).
 */
export async function runCommand(
  request: CommandRequest,
  io: CliIo,
  { name, loadSource }: RunCommandOptions,
): Promise<number> {
  const now = io.now ?? Date.now;
  const progress =
    request.kind === 'read' && io.stderrIsTTY === true
      ? new ReadProgress(io.stderr, { now, ...(io.stderrColumns === undefined ? {} : { columns: io.stderrColumns }) })
      : undefined;
  const writer = new ObservedWriter(io.stdout, progress === undefined ? {} : progressObserver(progress));
  const streams = new StreamStatusTracker();
  writer.observe(streams);
  const cancel = new AbortController();
  const context: CommandContext = { name, io, writer, masker: new SecretMasker(), signal: cancel.signal };
  let fatalReported = false;
  const reportFatal = async (error: unknown): Promise<number> => {
    if (!fatalReported) {
      fatalReported = true;
      await writer.write(fatalTrace(error, context.masker));
    }
    await writer.flush();
    return 1;
  };
  const unsubscribe = io.onFatalError?.(async (error) => {
    progress?.finish();
    await reportFatal(error);
  });
  const stopListening = io.onCancelSignal?.(async (signal) => {
    progress?.finish();
    await cancelRun(signal, writer, cancel, streams);
  });
  let exitCode: number;
  try {
    exitCode = await executeCommand(request, await loadSource(), context);
  } catch (error) {
    exitCode = await reportFatal(error).catch(() => 1);
  } finally {
    unsubscribe?.();
    stopListening?.();
  }
  progress?.finish();
  await writer.flush();
  return exitCode;
}

/**
 * Cancels the run: the output is closed first (whatever the runner still writes is dropped whole), then the runner's
 * signal aborts its requests and stops it starting more, and the output ends with INCOMPLETE for every stream in
 * progress, all within a bound even when stdout's reader is slow.
 */
async function cancelRun(
  signal: CancelSignal,
  writer: ObservedWriter,
  cancel: AbortController,
  streams: StreamStatusTracker,
): Promise<void> {
  const open = streams.inProgress();
  const closing = writer.closeWith(
    [
      logMessage(
        'WARN',
        `Cancelled by ${signal}: stopped reading${open.length === 0 ? '' : `; streams in progress are INCOMPLETE: ${open.map((s) => s.name).join(', ')}`}.`,
      ),
      ...open.map((descriptor) => streamStatusMessage(descriptor, 'INCOMPLETE')),
    ],
    FINAL_FLUSH_WITHIN_MS,
  );
  cancel.abort(new Error(`cancelled by ${signal}`));
  await closing;
}

/** The ERROR trace for an error nobody handled: described as the kit's runner describes errors, secrets masked. */
function fatalTrace(error: unknown, masker: SecretMasker): AirbyteMessage {
  return masker.maskDeep(errorTraceMessage(describeError(error)));
}
