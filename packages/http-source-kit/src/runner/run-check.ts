import { connectionStatusMessage } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError, HttpError, redactUrl } from '../errors/index.js';
import { DEFAULT_RETRY_LIMITS } from '../http/default-limits.js';
import type { HttpClientOptions } from '../http/index.js';
import type { CheckContext, SourceDefinition } from '../source/index.js';
import type { RunContext } from '../source/run-context.js';
import { readStreamRecords } from '../reading/index.js';
import type { JsonRecord, StreamDefinition } from '../streams/index.js';
import { openSession, type Session } from './open-session.js';
import type { RunOutput } from './run-output.js';

/** `check` answers within about half a minute: fewer, shorter retries than a sync. */
function checkRetries(options: HttpClientOptions): HttpClientOptions {
  const retry = options.retry ?? {};
  return {
    ...options,
    retry: {
      ...retry,
      maxAttempts: Math.min(retry.maxAttempts ?? DEFAULT_RETRY_LIMITS.maxAttempts, 3),
      maxTotalMs: Math.min(retry.maxTotalMs ?? DEFAULT_RETRY_LIMITS.maxTotalMs, 30_000),
    },
  };
}

/**
 * Whether the user can fix it: a config_error (bad credentials, no permission, a URL that is not https…) or a
 * server that cannot be reached at all (wrong host or port). Anything else is the connector's problem.
 */
function userCanFix(error: unknown): error is ConnectorError {
  if (!ConnectorError.isInstance(error)) return false;
  return error.failureType === 'config_error' || (HttpError.isInstance(error) && error.status === undefined);
}

/**
 * `check`: CONNECTION_STATUS SUCCEEDED, or FAILED with an actionable message for a problem with the config or the
 * credentials (exit 0 both). An unexpected failure is thrown, for an ERROR trace and exit 1.
 */
export async function runCheck<Config>(
  source: SourceDefinition<Config>,
  run: RunContext<Config>,
  output: RunOutput,
  signal: AbortSignal,
): Promise<number> {
  let session: Session<Config> | undefined;
  try {
    session = openSession(source, run, output, checkRetries);
    const opened = session;
    const context: CheckContext<Config> = {
      config: run.config,
      run,
      http: opened.http,
      logger: output.logger,
      signal,
      streams: opened.streams.list,
      readFirstRecord: (stream) =>
        readFirstRecord(typeof stream === 'string' ? opened.streams.named(stream) : stream, opened, output, signal),
    };
    const message = await (source.check ?? defaultCheck(source))(context);
    await output.send(connectionStatusMessage('SUCCEEDED', message));
    return 0;
  } catch (error) {
    if (!userCanFix(error)) throw error;
    output.logger.info(`check failed: ${error.internalMessage ?? error.userMessage}`);
    await output.send(connectionStatusMessage('FAILED', error.userMessage));
    return 0;
  } finally {
    await session?.close();
  }
}

function defaultCheck<Config>(source: SourceDefinition<Config>): (context: CheckContext<Config>) => Promise<string> {
  return async (context) => {
    const stream =
      (source.checkStream === undefined ? undefined : context.streams.find((s) => s.name === source.checkStream)) ??
      context.streams.find((s) => s.partitions === undefined) ??
      context.streams[0];
    if (stream === undefined) return 'The configuration is valid (this source has no streams).';
    const first = await context.readFirstRecord(stream);
    const where = redactUrl(source.http(context.config, context.run).baseUrl);
    return `Connected to ${where}; read ${first === undefined ? 'stream' : 'a record of stream'} "${stream.name}".`;
  };
}

/** Read level 2, the stream, for `check`: its records up to the first one (the read then stops). */
async function readFirstRecord<Config>(
  stream: StreamDefinition<Config> | undefined,
  session: Session<Config>,
  output: RunOutput,
  signal: AbortSignal,
): Promise<JsonRecord | undefined> {
  if (stream === undefined)
    throw new ConnectorError({
      message: 'The check names a stream this source does not have.',
      failureType: 'system_error',
    });
  const controller = new AbortController();
  const stop = (): void => {
    controller.abort(signal.reason);
  };
  signal.addEventListener('abort', stop, { once: true });
  try {
    const records = readStreamRecords(stream, {
      config: session.config,
      http: session.http,
      logger: output.logger,
      signal: controller.signal,
      syncMode: 'full_refresh',
      cursor: undefined,
      streamNamed: session.streams.named,
      connectionBudget: session.maxConcurrency,
    });
    for await (const batch of records) {
      const first = batch[0];
      if (first !== undefined) return first.value as JsonRecord;
    }
    return undefined;
  } finally {
    signal.removeEventListener('abort', stop);
    controller.abort(new Error('check done'));
  }
}
