import type { Partition, PartitionRouter } from '@mb-airbyte/http-source-kit';

/**
 * The same router without repeats: a partition whose `key` was already produced in this read is skipped (one
 * dashboard listed by two collection listings is fetched once). The memory is one key per partition, per read.
 */
export function uniquePartitions<Config>(
  router: PartitionRouter<Config>,
  key: (partition: Partition) => unknown,
): PartitionRouter<Config> {
  return {
    concurrency: router.concurrency,
    ...(router.parent === undefined ? {} : { parent: router.parent }),
    async *partitions(context) {
      const seen = new Set<unknown>();
      for await (const partition of router.partitions(context)) {
        const id = key(partition);
        if (seen.has(id)) continue;
        seen.add(id);
        yield partition;
      }
    },
  };
}
