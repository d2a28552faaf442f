import { parentPartitions, type JsonRecord, type Partition, type PartitionRouter } from '@mb-airbyte/http-source-kit';
import type { MetabaseConfig } from '../config.js';
import { uniquePartitions } from './unique-partitions.js';

/** Dashboard detail requests in flight at once (the collection items feeding them take their own share). */
export const defaultDashboardConcurrency = 3;

/**
 * The detail request for one `collections_items_dashboards` row. `context.cursor` is the child stream's saved cursor
 * in incremental syncs, available to skip dashboards whose listing shows no change since then.
 */
export function dashboardPartition(item: JsonRecord, _context: { config: MetabaseConfig; cursor: unknown }): Partition | undefined {
  if (item.model !== undefined && item.model !== 'dashboard') return undefined;
  return typeof item.id === 'number' ? { id: item.id } : undefined;
}

/** One partition per distinct dashboard of `collections_items_dashboards`, in listing order. */
export function dashboardPartitions(concurrency = defaultDashboardConcurrency): PartitionRouter<MetabaseConfig> {
  return uniquePartitions(
    parentPartitions<MetabaseConfig>({ parent: 'collections_items_dashboards', partition: dashboardPartition, concurrency }),
    (partition) => partition.id,
  );
}
