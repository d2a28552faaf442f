/**
 * Read levels 2 and 3, the stream and its partitions, as the engine reads them.
 * Reads a described stream: partitions (in parent order, a few at a time) x pages (paginator) x records (selector),
 * then the transform. Yields batches of records, as they stream in, for the runner to filter and write.
 */
import { ConnectorError } from '../errors/index.js';
import { noPagination, type PageResult } from '../pagination/index.js';
import { LanePool, orderedConcurrentFlatMap, type Partition } from '../partitions/index.js';
import { recordSelector, SelectedRecord, type RecordSelector } from '../records/index.js';
import { finishRecords } from './finish-records.js';
import { readPage } from './read-page.js';
import { resolveRequest } from './resolve-request.js';
import type { StreamReadContext } from './stream-read-context.js';
import type { JsonRecord, StreamDefinition } from '../streams/stream-definition.js';

/** Batches of output waiting per partition that is not yet being emitted (each batch is at most one body chunk). */
const PARTITION_BUFFER_BATCHES = 16;

/** Read level 2, the stream: its record batches from the escape hatch, the stream it is derived from, or its partitions. */
export function readStreamRecords<Config>(
  stream: StreamDefinition<Config>,
  context: StreamReadContext<Config>,
): AsyncIterable<SelectedRecord[]> {
  if (stream.read !== undefined) return readCustomStream(stream, context);
  if (stream.derivedFrom !== undefined)
    return readDerivedStream(stream, resolveStream(stream.derivedFrom, context), context);
  const router = stream.partitions;
  if (router === undefined) {
    const records = readPartition(stream, undefined, context, context.signal);
    return context.lanes === undefined ? records : handingBackLane(records, context.lanes);
  }
  const levels = connectionsNeeded(stream, context);
  if (levels > context.connectionBudget) {
    throw new ConnectorError({
      message: `Stream "${stream.name}" reads ${levels} levels of requests at once (it and the streams it reads), but may hold only ${context.connectionBudget} connections: allow more concurrent requests.`,
      failureType: 'config_error',
    });
  }
  // One pool for the whole chain: each level runs one partition freely, and more as the pool allows.
  const lanes = context.lanes ?? LanePool.forBudget(context.connectionBudget, levels);
  const partitions = (signal: AbortSignal): AsyncIterable<Partition> =>
    router.partitions({
      config: context.config,
      get cursor() {
        return context.cursor;
      },
      signal,
      logger: context.logger,
      // Built field by field: spreading `context` would read its cursor now, before the server's clock is known.
      readStream: (source) =>
        readParsedStream(resolveStream(source, context), {
          config: context.config,
          http: context.http,
          logger: context.logger,
          signal,
          streamNamed: (name) => context.streamNamed(name),
          syncMode: 'full_refresh',
          cursor: undefined,
          connectionBudget: context.connectionBudget,
          lanes,
        }),
    });
  // The pool bounds the chain; `concurrency` only caps this level (lanes freed by finished levels may go to it).
  return orderedConcurrentFlatMap(
    partitions,
    (partition, signal) => readPartition(stream, partition, context, signal),
    {
      concurrency: Math.max(1, router.concurrency),
      bufferSize: PARTITION_BUFFER_BATCHES,
      signal: context.signal,
      lanes,
    },
  );
}

/**
 * Connections a read of `stream` needs at least: one per level (the stream, the parent its partitions come from, that
 * parent's parent...), each of which may hold a connection mid-body while the next level reads. Reads run more
 * partitions at once as their connection budget allows (see LanePool).
 */
export function connectionsNeeded<Config>(
  stream: StreamDefinition<Config>,
  context: Pick<StreamReadContext<Config>, 'streamNamed'>,
): number {
  if (stream.derivedFrom !== undefined) return connectionsNeeded(resolveStream(stream.derivedFrom, context), context);
  const router = stream.partitions;
  if (stream.read !== undefined || router === undefined) return 1;
  const parent = router.parent === undefined ? undefined : resolveStream(router.parent, context);
  return 1 + (parent === undefined ? 0 : connectionsNeeded(parent, context));
}

/** A parent read of one request: once it is done, the connection its level kept goes to the rest of the chain. */
async function* handingBackLane(
  records: AsyncIterable<SelectedRecord[]>,
  lanes: LanePool,
): AsyncGenerator<SelectedRecord[]> {
  yield* records;
  lanes.grow();
}

/** A stream given by name or definition (a partition router's parent, a derived stream's source). */
export function resolveStream<Config>(
  stream: StreamDefinition<Config> | string,
  context: Pick<StreamReadContext<Config>, 'streamNamed'>,
): StreamDefinition<Config> {
  if (typeof stream !== 'string') return stream;
  const found = context.streamNamed(stream);
  if (found === undefined)
    throw new ConnectorError({
      message: `The stream "${stream}" that another stream reads is not a stream of this source.`,
      failureType: 'system_error',
    });
  return found;
}

/** A derived stream's records from one batch of the records of the stream it is derived from. */
export function derivedBatch<Config>(
  stream: StreamDefinition<Config>,
  batch: SelectedRecord[],
  config: Config,
): SelectedRecord[] {
  return finishRecords(stream, batch, config, undefined);
}

/**
 * Read level 2, the stream: a derived stream read on its own. Its source is read in full (no saved cursor), and
 * nothing of it is emitted.
 */
async function* readDerivedStream<Config>(
  stream: StreamDefinition<Config>,
  from: StreamDefinition<Config>,
  context: StreamReadContext<Config>,
): AsyncGenerator<SelectedRecord[]> {
  const { config, http, logger, signal, connectionBudget } = context;
  const source = {
    config,
    http,
    logger,
    signal,
    connectionBudget,
    streamNamed: (name: string) => context.streamNamed(name),
    syncMode: 'full_refresh' as const,
    cursor: undefined,
  };
  for await (const batch of readStreamRecords(from, source)) {
    const records = derivedBatch(stream, batch, config);
    if (records.length > 0) yield records;
  }
}

/** Read level 2, the stream: a parent stream's records, parsed, for a partition router. */
async function* readParsedStream<Config>(
  stream: StreamDefinition<Config>,
  context: StreamReadContext<Config>,
): AsyncGenerator<JsonRecord> {
  for await (const batch of readStreamRecords(stream, context)) {
    for (const record of batch) yield record.value as JsonRecord; // finishRecords checked it is an object
  }
}

/** Read level 3, the partition: its pages in turn (one when there is no paginator), each page's records transformed. */
async function* readPartition<Config>(
  stream: StreamDefinition<Config>,
  partition: Partition | undefined,
  context: StreamReadContext<Config>,
  signal: AbortSignal,
): AsyncGenerator<SelectedRecord[]> {
  const selector = selectorOf(stream);
  const pages = (stream.paginator ?? noPagination()).start();
  const requestContext = { config: context.config, partition };
  for (;;) {
    const request = resolveRequest(stream, requestContext, pages.current(), signal);
    const result: PageResult = { count: 0, envelope: {}, headers: {} };
    const page = readPage({
      http: context.http,
      request,
      selector,
      stream: stream.name,
      logger: context.logger,
      result,
    });
    for await (const texts of page) {
      const batch = finishRecords(
        stream,
        texts.map((json) => SelectedRecord.fromJson(json)),
        context.config,
        partition,
      );
      if (batch.length > 0) yield batch;
    }
    if (!pages.advance(result)) return;
  }
}

/** One record selector per stream definition, not one per partition (a fan-out reads thousands of partitions). */
const selectors = new WeakMap<object, RecordSelector>();

function selectorOf<Config>(stream: StreamDefinition<Config>): RecordSelector {
  let selector = selectors.get(stream);
  if (selector === undefined) {
    selector = recordSelector(stream.records ?? '');
    selectors.set(stream, selector);
  }
  return selector;
}

/** Read level 2, the stream: the escape hatch's records, transformed and checked. */
async function* readCustomStream<Config>(
  stream: StreamDefinition<Config>,
  context: StreamReadContext<Config>,
): AsyncGenerator<SelectedRecord[]> {
  const read = stream.read;
  if (read === undefined) return;
  const { config, http, logger, syncMode, signal } = context;
  const streamContext = {
    config,
    http,
    logger,
    stream: stream.name,
    syncMode,
    get cursor() {
      return context.cursor;
    },
    signal,
  };
  for await (const value of read(streamContext)) {
    const batch = finishRecords(stream, [SelectedRecord.fromValue(value)], config, undefined);
    if (batch.length > 0) yield batch;
  }
}
