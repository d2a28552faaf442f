import {
  ConfiguredAirbyteCatalogSchema,
  formatZodIssues,
  quoteInput,
  type StreamDescriptor,
  type SyncMode,
} from '@mb-airbyte/airbyte-protocol';
import { ConnectorError } from '../errors/index.js';
import type { Logger } from '../http/index.js';
import type { SourceStreams } from '../source/index.js';
import type { StreamDefinition } from '../streams/index.js';

export interface PlannedStream<Config> {
  descriptor: StreamDescriptor;
  stream: StreamDefinition<Config>;
  syncMode: SyncMode;
}

export interface RejectedStream {
  descriptor: StreamDescriptor;
  error: ConnectorError;
}

export interface ReadPlan<Config> {
  planned: PlannedStream<Config>[];
  rejected: RejectedStream[];
}

/**
 * Matches the configured catalog against the source's streams, in catalog order. A stream the source does not have,
 * or a sync mode it does not support, is rejected with a config_error (reported as that stream's failure); the other
 * streams are still read. A catalog that is not a catalog at all fails the whole read.
 */
export function planRead<Config>(catalog: unknown, streams: SourceStreams<Config>, logger: Logger): ReadPlan<Config> {
  const parsed = ConfiguredAirbyteCatalogSchema.safeParse(catalog);
  if (!parsed.success) {
    throw new ConnectorError({
      message: `The configured catalog is not valid: ${formatZodIssues(parsed.error.issues).join('; ')}`,
      failureType: 'config_error',
      userInput: true,
    });
  }
  const plan: ReadPlan<Config> = { planned: [], rejected: [] };
  const seen = new Set<string>();
  const known = streams.list.map((s) => s.name).join(', ');
  for (const configured of parsed.data.streams) {
    const { name, namespace } = configured.stream;
    const descriptor: StreamDescriptor = namespace === undefined ? { name } : { name, namespace };
    const seenKey = JSON.stringify([namespace ?? null, name]);
    if (seen.has(seenKey)) {
      logger.warn(`The catalog lists stream ${quoteInput(name)} more than once; it is read once.`);
      continue;
    }
    seen.add(seenKey);
    const stream = streams.named(name);
    const syncMode = configured.sync_mode;
    if (stream === undefined) {
      const error = new ConnectorError({
        message: `The catalog asks for stream ${quoteInput(name)}, which this source does not have (it has: ${known}).`,
        failureType: 'config_error',
        userInput: true,
      });
      plan.rejected.push({ descriptor, error });
    } else if (syncMode === 'incremental' && stream.cursorField === undefined) {
      const error = new ConnectorError({
        message: `Stream ${quoteInput(name)} does not support incremental sync; configure it as full_refresh.`,
        failureType: 'config_error',
        userInput: true,
      });
      plan.rejected.push({ descriptor, error });
    } else {
      plan.planned.push({ descriptor, stream, syncMode });
    }
  }
  return plan;
}
