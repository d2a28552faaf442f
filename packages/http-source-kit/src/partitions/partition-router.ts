/**
 * Partition routers split one stream into many request sets: one per parent record (`parentPartitions`), or per
 * value of a fixed list (`listPartitions`). The reader runs up to `concurrency` partitions at a time and emits their
 * records in partition order.
 */
import type { Logger } from '../http/index.js';
import type { JsonRecord, StreamDefinition } from '../streams/stream-definition.js';

/** What request closures see as `partition`, e.g. `{ id: 7 }`. */
export type Partition = Readonly<Record<string, unknown>>;

export interface PartitionContext<Config> {
  config: Config;
  /**
   * The child stream's saved cursor (incremental syncs), so a router can skip parents that did not change. Read it
   * when it is needed, not up front: the runner settles it against the server's clock at its first use.
   */
  cursor: unknown;
  signal: AbortSignal;
  /** For what a router finds worth telling (a LOG message of the stream being read). */
  logger: Logger;
  /** Every record of another stream of the source (after its transform), parsed, in order. */
  readStream(stream: StreamDefinition<Config> | string): AsyncIterable<JsonRecord>;
}

export interface PartitionRouter<Config> {
  /** Partitions read at the same time (the runner may lower it to fit the HTTP client's connection limit). */
  readonly concurrency: number;
  /** The stream this router reads, if any (for connection budgeting and docs). */
  readonly parent?: StreamDefinition<Config> | string;
  partitions(context: PartitionContext<Config>): AsyncIterable<Partition>;
}
