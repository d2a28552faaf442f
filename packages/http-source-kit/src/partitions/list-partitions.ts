import type { Partition, PartitionRouter } from '../streams/stream-definition.js';

/** A fixed list of partitions computed from the config, e.g. one per configured account id. */
export function listPartitions<Config>(
  list: (config: Config) => readonly Partition[],
  options: { concurrency?: number } = {},
): PartitionRouter<Config> {
  const concurrency = options.concurrency ?? 4;
  return {
    concurrency,
    async *partitions(context) {
      await Promise.resolve();
      yield* list(context.config);
    },
  };
}
