import type { SyncMode } from '@mb-airbyte/airbyte-protocol';
import type { HttpClient, Logger } from '../http/index.js';
import type { LanePool } from '../partitions/index.js';
import type { StreamDefinition } from '../streams/stream-definition.js';

/** Everything reading one stream needs; built by the runner (or a test) and passed down, never global. */
export interface StreamReadContext<Config> {
  config: Config;
  http: HttpClient;
  logger: Logger;
  signal: AbortSignal;
  syncMode: SyncMode;
  /**
   * The saved cursor of this stream (incremental), for partition routers and the escape hatch. Read it when it is
   * needed, not up front: the runner settles it against the server's clock at its first use.
   */
  cursor: unknown;
  /** A stream of the same source by name (parents given by name). */
  streamNamed(name: string): StreamDefinition<Config> | undefined;
  /** HTTP connections this read may hold at once; partition concurrency is fitted to it. */
  connectionBudget: number;
  /** The lanes of the read this one feeds (a parent read for partitions), shared so the chain keeps one budget. */
  lanes?: LanePool;
}
