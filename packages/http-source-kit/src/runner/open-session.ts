import type { Authenticator } from '../auth/index.js';
import { DEFAULT_MAX_CONCURRENCY } from '../http/default-limits.js';
import { HttpClient, type HttpClientOptions } from '../http/index.js';
import type { RunContext } from '../source/run-context.js';
import { sourceStreams, type SourceDefinition, type SourceStreams } from '../source/index.js';
import { FatalCause } from './fatal-cause.js';
import type { RunOutput } from './run-output.js';

/** What one command with a valid config works with: the streams, one HTTP client (one login) for the whole run. */
export interface Session<Config> {
  config: Config;
  streams: SourceStreams<Config>;
  http: HttpClient;
  authenticator: Authenticator | undefined;
  /** The client's connection limit, shared by everything the run reads. */
  maxConcurrency: number;
  /** Trips at the first failure that ends the whole run; see FatalCause. */
  fatal: FatalCause;
  close(): Promise<void>;
}

/**
 * Builds the client from the source's options with the authenticator, the run's (masking) logger and a default user
 * agent, and registers the authenticator's run-time tokens with the masker. `adjust` lets `check` shorten retries.
 */
export function openSession<Config>(
  source: SourceDefinition<Config>,
  run: RunContext<Config>,
  output: RunOutput,
  adjust: (options: HttpClientOptions) => HttpClientOptions = (options) => options,
): Session<Config> {
  const { config } = run;
  const streams = sourceStreams(source, run);
  const authenticator = source.authenticator?.(config, run);
  if (authenticator !== undefined) output.masker.addProvider(() => authenticator.secrets());
  const { userAgent, ...rest } = source.http(config, run);
  const options = adjust({
    ...rest,
    userAgent: userAgent ?? `${source.name}/${source.version} (+http-source-kit)`,
    logger: output.logger,
    ...(authenticator === undefined ? {} : { authenticator }),
  });
  const http = new HttpClient(options);
  return {
    config,
    streams,
    http,
    authenticator,
    maxConcurrency: options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
    fatal: new FatalCause(),
    close: () => http.close(),
  };
}
