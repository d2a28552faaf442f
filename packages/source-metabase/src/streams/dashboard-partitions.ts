import { compareCursorValues, parentPartitions, type JsonRecord, type Partition, type PartitionRouter } from '@mb-airbyte/http-source-kit';
import type { MetabaseConfig } from '../config.js';
import { lastEditTimestamp } from './dashboard-edited-at.js';
import { uniquePartitions } from './unique-partitions.js';

/** Dashboard detail requests in flight at once (the collection items feeding them take their own share). */
export const defaultDashboardConcurrency = 3;

/**
 * The detail request for one `collections_items_dashboards` row. In an incremental sync of `dashboards`, `cursor`
 * is its saved cursor: a dashboard whose row shows a latest revision (`last-edit-info.timestamp`) older than the
 * cursor has not been edited since, and its detail request is skipped. A row without one is always fetched.
 */
export function dashboardPartition(item: JsonRecord, context: { config: MetabaseConfig; cursor: unknown }): Partition | undefined {
  if (item.model !== undefined && item.model !== 'dashboard') return undefined;
  if (typeof item.id !== 'number') return undefined;
  const { cursor } = context;
  const edited = lastEditTimestamp(item);
  if (typeof cursor === 'string' && edited !== undefined && compareCursorValues(edited, cursor) < 0) return undefined;
  return { id: item.id };
}

/** One partition per distinct dashboard of `collections_items_dashboards`, in listing order. */
export function dashboardPartitions(concurrency = defaultDashboardConcurrency): PartitionRouter<MetabaseConfig> {
  return uniquePartitions(
    parentPartitions<MetabaseConfig>({ parent: 'collections_items_dashboards', partition: dashboardPartition, concurrency }),
    (partition) => partition.id,
  );
}
