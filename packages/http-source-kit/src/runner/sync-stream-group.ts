import type { SelectedRecord } from '../records/index.js';
import { derivedBatch, readStreamRecords } from '../reading/index.js';
import type { InputStates } from '../state/index.js';
import type { StreamDefinition } from '../streams/index.js';
import type { PlannedStream } from './plan-read.js';
import { syncStream, type StreamOutcome, type StreamRunContext } from './sync-stream.js';
import { shareRead } from './shared-read.js';

/** Streams read in one go: a stream, then the streams derived from it that share its read. */
export type ReadGroup<Config> = readonly PlannedStream<Config>[];

/** Batches a reader of a shared read may fall behind the fastest one (each batch is at most one body chunk). */
const SHARED_LEAD_BATCHES = 16;

const nameOf = <Config>(stream: StreamDefinition<Config> | string): string =>
  typeof stream === 'string' ? stream : stream.name;

/**
 * The planned streams as groups, in catalog order (a group where its first member is). A derived stream joins the
 * stream it is derived from when that one is read too and its read does not start from a saved cursor (the derived
 * stream needs every record, an incremental read may skip some); otherwise it is read on its own.
 */
export function groupSharedReads<Config>(
  planned: readonly PlannedStream<Config>[],
  states: InputStates,
): ReadGroup<Config>[] {
  const sharing = new Map<string, PlannedStream<Config>[]>();
  for (const source of planned) {
    if (source.stream.derivedFrom !== undefined) continue;
    if (source.syncMode === 'incremental' && states.get(source.descriptor) !== undefined) continue;
    const derived = planned.filter(
      (p) => p.stream.derivedFrom !== undefined && nameOf(p.stream.derivedFrom) === source.stream.name,
    );
    if (derived.length > 0) sharing.set(source.stream.name, [source, ...derived]);
  }
  const groups: ReadGroup<Config>[] = [];
  const placed = new Set<PlannedStream<Config>>();
  for (const stream of planned) {
    if (placed.has(stream)) continue;
    const from = stream.stream.derivedFrom;
    const group = sharing.get(from === undefined ? stream.stream.name : nameOf(from)) ?? [stream];
    for (const member of group) placed.add(member);
    groups.push(group);
  }
  return groups;
}

/**
 * Read level 2, the stream, for a group of streams: a lone stream is synced as usual; a shared group syncs each of its
 * streams from one read of its first stream.
 */
export async function syncStreamGroup<Config>(
  group: ReadGroup<Config>,
  context: StreamRunContext<Config>,
): Promise<StreamOutcome[]> {
  const [source, ...derived] = group;
  if (source === undefined) return [];
  if (derived.length === 0) return [await syncStream(source, context)];
  const { session, output } = context;
  output.logger.info(
    `Streams ${group.map((p) => `"${p.stream.name}"`).join(', ')} share one read of "${source.stream.name}".`,
  );
  const pipeline = readStreamRecords(source.stream, {
    config: session.config,
    http: session.http,
    logger: output.logger,
    signal: context.signal,
    syncMode: source.syncMode,
    cursor: undefined,
    streamNamed: session.streams.named,
    connectionBudget: context.connectionBudget,
  });
  const readers = shareRead(pipeline, group.length, SHARED_LEAD_BATCHES);
  return Promise.all(
    group.map(async (planned, i) => {
      const reader = readers[i];
      if (reader === undefined) return { records: 0 };
      const records = i === 0 ? reader : derivedBatches(planned.stream, reader, session.config);
      try {
        return await syncStream(planned, context, records);
      } finally {
        reader.detach();
      }
    }),
  );
}

async function* derivedBatches<Config>(
  stream: StreamDefinition<Config>,
  batches: AsyncIterable<SelectedRecord[]>,
  config: Config,
): AsyncGenerator<SelectedRecord[]> {
  for await (const batch of batches) {
    const records = derivedBatch(stream, batch, config);
    if (records.length > 0) yield records;
  }
}
