import { catalogMessage, connectionStatusMessage, specMessage } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError } from '../errors/index.js';
import type { Logger } from '../http/index.js';
import { configSecrets, SecretMasker } from '../secrets/index.js';
import {
  connectorSpecification,
  discoverCatalog,
  sourceStreams,
  validateConfig,
  type SourceDefinition,
} from '../source/index.js';
import { createRunContext } from '../source/run-context.js';
import { openSession } from './open-session.js';
import { runCheck } from './run-check.js';
import { RunOutput, type LogLevelName, type MessageSink } from './run-output.js';
import { runRead } from './run-read.js';

export type SourceCommand = 'spec' | 'check' | 'discover' | 'read';

export interface RunSourceOptions {
  command: SourceCommand;
  /** The config object (already read from its file); validated here against the source's zod schema. */
  config?: unknown;
  /** The configured catalog (read). */
  catalog?: unknown;
  /** The platform's state: an array of STATE messages (STREAM, GLOBAL or LEGACY), or a bare LEGACY object. */
  state?: unknown;
  writer: MessageSink;
  /** Log lines go here (masked) instead of LOG messages on the writer. */
  logger?: Logger;
  logLevel?: LogLevelName;
  /** Streams read at the same time (default: the source's setting, else 1). */
  streamConcurrency?: number;
  signal?: AbortSignal;
  /** Clock for emitted_at (tests). */
  now?: () => number;
  /**
   * The masker to fill with the run's secrets (config, source-derived, tokens obtained at run time), for a caller that
   * reports failures of its own after or around the run; default: one for this run only.
   */
  masker?: SecretMasker;
}

/**
 * Runs one protocol command and resolves with the exit code; never throws and never touches the process. Whatever
 * happens, the writer is flushed before it resolves. An unexpected failure becomes one ERROR trace (masked), exit 1.
 */
export async function runSource<Config>(source: SourceDefinition<Config>, options: RunSourceOptions): Promise<number> {
  const masker = options.masker ?? new SecretMasker();
  const output = new RunOutput(options.writer, masker, {
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  let exitCode: number;
  try {
    exitCode = await dispatch(source, options, output);
  } catch (error) {
    exitCode = 1;
    await output.error(error).catch(() => undefined);
  }
  try {
    await output.flush();
  } catch {
    exitCode = 1; // the output itself is broken: nothing more can be said on it
  }
  return exitCode;
}

async function dispatch<Config>(
  source: SourceDefinition<Config>,
  options: RunSourceOptions,
  output: RunOutput,
): Promise<number> {
  const spec = connectorSpecification(source);
  if (options.command === 'spec') {
    await output.send(specMessage(spec));
    return 0;
  }
  output.masker.add(...configSecrets(spec.connectionSpecification, options.config));
  let config: Config;
  try {
    config = validateConfig(source, options.config);
  } catch (error) {
    if (options.command !== 'check' || !ConnectorError.isInstance(error)) throw error;
    await output.send(connectionStatusMessage('FAILED', error.userMessage));
    return 0;
  }
  output.masker.add(...(source.secrets?.(config) ?? []));
  const signal = options.signal ?? new AbortController().signal;
  const run = createRunContext(config);
  switch (options.command) {
    case 'check':
      return runCheck(source, run, output, signal);
    case 'discover':
      await output.send(catalogMessage(discoverCatalog(sourceStreams(source, run).list)));
      return 0;
    case 'read': {
      const session = openSession(source, run, output);
      try {
        const streamConcurrency = options.streamConcurrency ?? source.streamConcurrency ?? 1;
        return await runRead(session, output, {
          catalog: options.catalog,
          state: options.state,
          streamConcurrency,
          signal,
        });
      } finally {
        await session.close();
      }
    }
  }
}
