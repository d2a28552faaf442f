import { configuredCatalog, type ConfiguredAirbyteCatalog, type SyncMode } from '@mb-airbyte/airbyte-protocol';
import type { SourceDefinition } from '../source/index.js';
import { runSourceInMemory } from './run-in-memory.js';
import type { SourceOutput } from './source-output.js';

export type StreamSelection = string | { name: string; syncMode?: SyncMode };

export interface ReadSourceOptions {
  config: unknown;
  /** A configured catalog; by default one is built from `discover` (every stream, or those in `streams`). */
  catalog?: ConfiguredAirbyteCatalog;
  streams?: readonly StreamSelection[];
  /** Sync mode for streams that do not say (default full_refresh; incremental only where supported). */
  syncMode?: SyncMode;
  /** The `states` of a previous read, or the platform's state array. */
  state?: unknown;
  streamConcurrency?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/** `read` in-process: the parsed output, with records, states, traces, logs and the exit code. */
export async function readSource<Config>(
  source: SourceDefinition<Config>,
  options: ReadSourceOptions,
): Promise<SourceOutput> {
  let catalog = options.catalog;
  if (catalog === undefined) {
    const discovered = await runSourceInMemory(source, { command: 'discover', config: options.config });
    if (discovered.catalog === undefined) return discovered;
    catalog = configuredCatalog(discovered.catalog, {
      ...(options.streams === undefined ? {} : { streams: options.streams }),
      ...(options.syncMode === undefined ? {} : { syncMode: options.syncMode }),
    });
  }
  return runSourceInMemory(source, {
    command: 'read',
    config: options.config,
    catalog,
    state: options.state,
    ...(options.streamConcurrency === undefined ? {} : { streamConcurrency: options.streamConcurrency }),
    ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
  });
}

/** `check` in-process. */
export function checkSource<Config>(source: SourceDefinition<Config>, config: unknown): Promise<SourceOutput> {
  return runSourceInMemory(source, { command: 'check', config });
}

/** `discover` in-process. */
export function discoverSource<Config>(source: SourceDefinition<Config>, config: unknown): Promise<SourceOutput> {
  return runSourceInMemory(source, { command: 'discover', config });
}

/** `spec` in-process. */
export function specSource<Config>(source: SourceDefinition<Config>): Promise<SourceOutput> {
  return runSourceInMemory(source, { command: 'spec' });
}
