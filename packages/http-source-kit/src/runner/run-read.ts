import { capInput, type FailureType } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError } from '../errors/index.js';
import { parseInputState } from '../state/index.js';
import type { Session } from './open-session.js';
import { planRead } from './plan-read.js';
import { endStream, type StreamOutcome, type StreamRunContext } from './sync-stream.js';
import { groupSharedReads, syncStreamGroup, type ReadGroup } from './sync-stream-group.js';
import { summarizeRead } from './summarize-read.js';
import type { RunOutput } from './run-output.js';

export interface ReadOptions {
  catalog: unknown;
  state: unknown;
  streamConcurrency: number;
  signal: AbortSignal;
}

/**
 * Read level 1, the run (see "How a read runs" in the kit's README).
 * `read`: every configured stream in catalog order (up to `streamConcurrency` at a time), each one's failure reported
 * and the others still read. Exit code 1 if any stream failed, after a final ERROR trace naming them. A failure that
 * ends the run (see FatalCause) is its one ERROR trace instead: the streams it stopped, and those not started yet,
 * end INCOMPLETE with a pointer to it.
 */
export async function runRead<Config>(
  session: Session<Config>,
  output: RunOutput,
  options: ReadOptions,
): Promise<number> {
  const states = parseInputState(options.state);
  const plan = planRead(options.catalog, session.streams, output.logger);
  const failures: { name: string; error: ConnectorError }[] = [];
  for (const rejected of plan.rejected) {
    await output.status(rejected.descriptor, 'INCOMPLETE');
    await output.error(rejected.error, rejected.descriptor);
    failures.push({ name: rejected.descriptor.name, error: rejected.error });
  }
  const concurrency = Math.max(1, Math.min(options.streamConcurrency, Math.floor(session.maxConcurrency / 2)));
  const connectionBudget = Math.max(1, Math.floor(session.maxConcurrency / concurrency));
  const queue: ReadGroup<Config>[] = groupSharedReads(plan.planned, states);
  const { fatal } = session;
  const context: StreamRunContext<Config> = {
    session,
    output,
    states,
    signal: AbortSignal.any([options.signal, fatal.signal]),
    connectionBudget,
  };
  let records = 0;
  const worker = async (): Promise<void> => {
    // A cancelled run (its signal aborted) starts no further stream.
    for (let next = queue.shift(); next !== undefined && !options.signal.aborted; next = queue.shift()) {
      const cause = fatal.error;
      const outcomes =
        cause === undefined
          ? await syncStreamGroup(next, context)
          : await Promise.all(next.map(async (p) => ({ records: 0, error: await endStream(p, context, cause) })));
      next.forEach((planned, i) => {
        const outcome: StreamOutcome = outcomes[i] ?? { records: 0 };
        records += outcome.records;
        if (outcome.error !== undefined) failures.push({ name: planned.descriptor.name, error: outcome.error });
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const { requests, retries } = session.http.stats();
  const streams = plan.planned.length + plan.rejected.length;
  output.logger.info(
    summarizeRead({
      streams,
      failed: failures.length,
      records,
      requests,
      retries,
      logins: session.authenticator?.logins?.(),
    }),
  );
  if (failures.length === 0) return 0;
  // The fatal cause has said it all unless some stream also failed on its own.
  if (failures.every((f) => f.error === fatal.error)) return 1;
  const names = failures.map((f) => capInput(f.name)).join(', ');
  await output.error(
    new ConnectorError({
      message: `During the sync, the following streams did not sync successfully: ${names}.`,
      failureType: dominantFailureType(failures.map((f) => f.error.failureType)),
    }),
  );
  return 1;
}

/**
 * The final trace's failure type. Airbyte's Python CDK always says config_error here; we report what the streams
 * said instead, so an outage (transient) is not blamed on the user: config_error if any stream needs the user,
 * else system_error if any is a bug or an unexpected answer, else transient_error.
 */
function dominantFailureType(types: FailureType[]): FailureType {
  if (types.includes('config_error')) return 'config_error';
  return types.includes('system_error') ? 'system_error' : 'transient_error';
}
