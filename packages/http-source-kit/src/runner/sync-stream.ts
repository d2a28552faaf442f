import { capInput } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError } from '../errors/index.js';
import type { SelectedRecord } from '../records/index.js';
import { readStreamRecords } from '../reading/index.js';
import {
  CursorTracker,
  cursorStateShape,
  NO_CURSOR_STATE,
  savedCursor,
  SavedCursor,
  streamStartCeiling,
  type InputStates,
} from '../state/index.js';
import { GENERIC_MESSAGE } from './describe-error.js';
import type { Session } from './open-session.js';
import type { PlannedStream } from './plan-read.js';
import type { RunOutput } from './run-output.js';

export interface StreamRunContext<Config> {
  session: Session<Config>;
  output: RunOutput;
  states: InputStates;
  signal: AbortSignal;
  /** HTTP connections this stream may hold at once. */
  connectionBudget: number;
}

const DEFAULT_CHECKPOINT_INTERVAL = 1000;

/** How a stream ended: its record count, and its failure (the run's fatal cause itself when that stopped it). */
export interface StreamOutcome {
  records: number;
  error?: ConnectorError;
}

/**
 * Read level 2, the stream, as the run emits it (its records come from `readStreamRecords`).
 * One stream, start to end: STARTED, RUNNING (at the first record, or before COMPLETE when there is none), RECORDs,
 * STATEs whose `sourceStats.recordCount` is the number of records since the previous one, a final STATE, COMPLETE.
 * On failure: INCOMPLETE and an ERROR trace naming the stream; the error is returned, not thrown, so the run goes on.
 * A failure that ends the run (or follows from one) is reported once for the run instead: see `endStream`.
 */
export async function syncStream<Config>(
  planned: PlannedStream<Config>,
  context: StreamRunContext<Config>,
  /** The stream's records when they come from a read shared with other streams (see syncStreamGroup). */
  shared?: AsyncIterable<SelectedRecord[]>,
): Promise<StreamOutcome> {
  const { descriptor, stream, syncMode } = planned;
  const { session, output } = context;
  const logger = output.logger;
  await output.status(descriptor, 'STARTED');
  let running = false;
  let total = 0;
  try {
    const shape = syncMode === 'incremental' ? cursorStateShape(stream) : undefined;
    const saved = shape === undefined ? undefined : savedCursor(stream.name, shape, context.states.get(descriptor));
    const cursor = new SavedCursor({
      stream: stream.name,
      cursorField: shape?.cursorField ?? '',
      saved,
      clock: session.http.serverClock,
      logger,
    });
    const tracker =
      shape === undefined
        ? undefined
        : new CursorTracker({
            stream: stream.name,
            shape,
            saved: () => cursor.get(),
            ascending: stream.cursorOrder === 'ascending' && stream.partitions === undefined,
            filter: stream.cursorFilter !== 'server',
            logger,
            cursorValue: stream.cursorValue,
            ceiling: streamStartCeiling(session.http.serverClock),
          });
    const interval = stream.checkpointInterval ?? DEFAULT_CHECKPOINT_INTERVAL;
    logger.info(
      `Reading stream "${stream.name}" (${syncMode}${saved === undefined ? '' : `, from ${stream.cursorField ?? ''} ${capInput(String(saved))}`}).`,
    );
    let sinceState = 0;
    const records =
      shared ??
      readStreamRecords(stream, {
        config: session.config,
        http: session.http,
        logger,
        signal: context.signal,
        syncMode,
        // Read when needed, so that it is checked against the server's clock (see SavedCursor).
        get cursor() {
          return cursor.get();
        },
        streamNamed: session.streams.named,
        connectionBudget: context.connectionBudget,
      });
    for await (const batch of records) {
      const emittedAt = Math.trunc(output.now());
      for (const record of batch) {
        if (tracker !== undefined && !tracker.accept(record)) continue;
        if (!running) {
          running = true;
          await output.status(descriptor, 'RUNNING');
        }
        await output.record(descriptor, record, emittedAt);
        total++;
        if (++sinceState < interval || tracker === undefined) continue;
        const checkpoint = tracker.checkpoint();
        if (checkpoint === undefined) continue;
        await output.state(descriptor, checkpoint, sinceState);
        sinceState = 0;
      }
    }
    if (!running) await output.status(descriptor, 'RUNNING'); // CAT expects STARTED, RUNNING…, COMPLETE even when empty
    const finalState =
      tracker === undefined ? { ...NO_CURSOR_STATE } : cursor.trustworthy() ? tracker.finalState() : {};
    await output.state(descriptor, finalState, sinceState);
    await output.status(descriptor, 'COMPLETE');
    logger.info(`Stream "${stream.name}": ${total} records.`);
    return { records: total };
  } catch (caught) {
    return { records: total, error: await endStream(planned, context, asConnectorError(caught, session), caught) };
  }
}

/**
 * INCOMPLETE, then: for the stream's own failure, its ERROR trace; for a failure that ends the run, the run's one
 * ERROR trace (no stream descriptor: it concerns them all) when this stream is the first to meet it, and a short
 * pointer to it otherwise. Returns the failure to count, which is the fatal cause itself when that stopped the stream.
 */
export async function endStream<Config>(
  planned: PlannedStream<Config>,
  context: StreamRunContext<Config>,
  error: ConnectorError,
  thrown: unknown = error,
): Promise<ConnectorError> {
  const { descriptor, stream } = planned;
  const {
    output,
    session: { fatal },
  } = context;
  await output.status(descriptor, 'INCOMPLETE');
  if (error.endsRun === true && fatal.trip(error)) {
    await output.error(error);
  } else if (!fatal.explains(thrown, context.signal)) {
    await output.error(error, descriptor);
    return error;
  }
  output.logger.warn(fatal.pointer(stream.name));
  return fatal.error ?? error;
}

/** Keeps the original as the cause (for the stack trace) and takes the failure type the retry policy gives it. */
function asConnectorError<Config>(error: unknown, session: Session<Config>): ConnectorError {
  if (ConnectorError.isInstance(error)) return error;
  const classified = session.http.retryPolicy.classify(error);
  return new ConnectorError({
    message: classified.failureType === 'transient_error' ? classified.userMessage : GENERIC_MESSAGE,
    internalMessage: classified.internalMessage ?? classified.message,
    failureType: classified.failureType,
    cause: error,
  });
}
