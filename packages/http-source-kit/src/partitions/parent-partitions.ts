import type { JsonRecord, StreamDefinition } from '../streams/stream-definition.js';
import type { Partition, PartitionRouter } from '../streams/stream-definition.js';

export interface ParentPartitionsOptions<Config> {
  /** The parent stream, or the name of a stream of the same source. */
  parent: StreamDefinition<Config> | string;
  /**
   * The child partition(s) for one parent record; undefined skips the parent. `cursor` is the child stream's saved
   * cursor in incremental syncs: compare it with the parent's own timestamp to skip parents that did not change.
   */
  partition: (
    parentRecord: JsonRecord,
    context: { config: Config; cursor: unknown },
  ) => Partition | readonly Partition[] | undefined;
  /** Child partitions read at the same time (default 4). Output order is parent order regardless. */
  concurrency?: number;
}

/** Ids from one stream drive the requests of another: `parentPartitions({ parent: 'dashboards', partition: (d) => ({ id: d.id }) })`. */
export function parentPartitions<Config>(options: ParentPartitionsOptions<Config>): PartitionRouter<Config> {
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new TypeError(`parentPartitions: concurrency must be a positive integer`);
  return {
    concurrency,
    parent: options.parent,
    async *partitions(context) {
      for await (const record of context.readStream(options.parent)) {
        const found = options.partition(record, { config: context.config, cursor: context.cursor });
        if (found === undefined) continue;
        if (isPartitionList(found)) yield* found;
        else yield found;
      }
    },
  };
}

function isPartitionList(value: Partition | readonly Partition[]): value is readonly Partition[] {
  return Array.isArray(value);
}
