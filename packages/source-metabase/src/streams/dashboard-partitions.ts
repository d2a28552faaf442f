import {
  cursorMayBeAtOrAfter,
  parentPartitions,
  type JsonRecord,
  type Partition,
  type PartitionRouter,
} from '@mb-airbyte/http-source-kit';
import type { MetabaseConfig } from '../config.js';
import { dashboardEditedAt, lastEditTimestamp } from './dashboard-edited-at.js';
import { dashboardListStream } from './dashboard-list.js';
import { uniquePartitions } from './unique-partitions.js';

/**
 * The most dashboard detail requests in flight at once. The kit shares the client's connections between the levels
 * of the dashboards chain as the work requires (the collections list, items, details), so this is only an upper bound.
 */
export const defaultDashboardConcurrency = 8;

/** Whether a row's edit time (or, for a row without one, nothing) leaves it possibly changed since `cursor`. */
function editedSince(edited: string | undefined, cursor: unknown): boolean {
  return typeof cursor !== 'string' || edited === undefined || cursorMayBeAtOrAfter(edited, cursor);
}

/**
 * The detail request for one `collections_items_dashboards` row. In an incremental sync of `dashboards`, `cursor`
 * is its saved cursor: a dashboard whose row shows a latest revision (`last-edit-info.timestamp`) older than the
 * cursor has not been edited since, and its detail request is skipped. A row without one is always fetched.
 */
export function dashboardPartition(
  item: JsonRecord,
  context: { config: MetabaseConfig; cursor: unknown },
): Partition | undefined {
  if (item.model !== undefined && item.model !== 'dashboard') return undefined;
  if (typeof item.id !== 'number') return undefined;
  return editedSince(lastEditTimestamp(item), context.cursor) ? { id: item.id } : undefined;
}

/**
 * One partition per distinct dashboard, in listing order. Full refresh (and an incremental read without a saved
 * cursor) lists dashboards through the collections chain, as the official connector does: one items request per
 * collection. An incremental read with a cursor asks GET /api/dashboard once instead, and fetches the details of the
 * dashboards whose `updated_at` or latest revision is at or after the cursor; if that list is empty or gone, it
 * falls back to the chain (skipping rows whose revision is older than the cursor).
 */
export function dashboardPartitions(concurrency = defaultDashboardConcurrency): PartitionRouter<MetabaseConfig> {
  const chain = uniquePartitions(
    parentPartitions<MetabaseConfig>({
      parent: 'collections_items_dashboards',
      partition: dashboardPartition,
      concurrency,
    }),
    (partition) => partition.id,
  );
  const list = dashboardListStream();
  return {
    concurrency: chain.concurrency,
    ...(chain.parent === undefined ? {} : { parent: chain.parent }),
    async *partitions(context) {
      if (typeof context.cursor === 'string') {
        let listed = 0;
        for await (const row of context.readStream(list)) {
          listed++;
          if (typeof row.id === 'number' && editedSince(dashboardEditedAt(row), context.cursor)) yield { id: row.id };
        }
        if (listed > 0) return;
      }
      yield* chain.partitions(context);
    },
  };
}
