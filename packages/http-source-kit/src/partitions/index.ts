export type { Partition, PartitionContext, PartitionRouter } from '../streams/stream-definition.js';
export { parentPartitions, type ParentPartitionsOptions } from './parent-partitions.js';
export { listPartitions } from './list-partitions.js';
export { orderedConcurrentFlatMap, type OrderedFlatMapOptions } from './ordered-concurrent-flat-map.js';
export { LanePool } from './lane-pool.js';
