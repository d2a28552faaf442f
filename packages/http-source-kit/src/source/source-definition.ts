import type { z } from 'zod';
import type { Authenticator } from '../auth/index.js';
import type { HttpClient, HttpClientOptions, Logger } from '../http/index.js';
import type { JsonRecord, StreamDefinition } from '../streams/index.js';
import type { RunContext } from './run-context.js';

/** The HTTP client options a source gives; the runner adds the authenticator, its logger and a default user agent. */
export type SourceHttpOptions = Omit<HttpClientOptions, 'userAgent' | 'authenticator' | 'logger'> & {
  userAgent?: string;
};

export interface CheckContext<Config> {
  config: Config;
  /** The run's shared values (the same as the other hooks of this command got). */
  run: RunContext<Config>;
  http: HttpClient;
  logger: Logger;
  signal: AbortSignal;
  streams: readonly StreamDefinition<Config>[];
  /** Reads a stream until its first record (undefined when it is empty); what the default check does. */
  readFirstRecord(stream: StreamDefinition<Config> | string): Promise<JsonRecord | undefined>;
}

export interface SourceDefinition<Config> {
  /** e.g. "source-metabase". */
  name: string;
  version: string;
  documentationUrl?: string;
  changelogUrl?: string;
  /** The one source of truth for config: the TypeScript type and the spec (`.meta({ airbyte_secret: true, order, title })`). */
  config: z.ZodType<Config>;
  /** Adjusts the generated connectionSpecification (draft-07) if needed. */
  connectionSpecification?: (generated: JsonRecord) => JsonRecord;
  /** The hooks below get the validated config and the command's run context (see `perRun`), once per command. */
  http: (config: Config, run: RunContext<Config>) => SourceHttpOptions;
  authenticator?: (config: Config, run: RunContext<Config>) => Authenticator;
  streams: (config: Config, run: RunContext<Config>) => readonly StreamDefinition<Config>[];
  /**
   * Proves the config works; resolves with a success message. Throw a ConnectorError with failure type
   * config_error for a problem the user can fix. Default: read the first record of `checkStream` (or the first stream).
   */
  check?: (context: CheckContext<Config>) => Promise<string>;
  checkStream?: string;
  /** Streams read at the same time (default 1); each stream's messages stay in order. */
  streamConcurrency?: number;
  /** Secrets the spec cannot mark, derived from the config. */
  secrets?: (config: Config) => readonly string[];
}

/** Checks the description once, at definition time. */
export function defineSource<Config>(definition: SourceDefinition<Config>): SourceDefinition<Config> {
  if (!/^\S+$/.test(definition.name))
    throw new TypeError('defineSource: the name must be a non-empty string without spaces');
  if (definition.version === '') throw new TypeError(`defineSource("${definition.name}"): the version is empty`);
  const concurrency = definition.streamConcurrency;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new TypeError(`defineSource("${definition.name}"): streamConcurrency must be a positive integer`);
  }
  return Object.freeze({ ...definition });
}
