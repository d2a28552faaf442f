import { dashboardEditedAt } from './dashboard-edited-at.js';
import { dashboardPartitions, defaultDashboardConcurrency } from './dashboard-partitions.js';
import { metabaseStream, type MetabaseStream } from './metabase-stream.js';
import { deletedMeanwhile, partitionPath } from './partition-path.js';

/**
 * `dashboards`: GET /api/dashboard/{id} for every dashboard that `collections_items_dashboards` lists, a few at a
 * time, in listing order. A dashboard deleted after it was listed is skipped. Incremental syncs skip the detail
 * request of dashboards not edited since the saved cursor, and compare the later of `updated_at` and the latest
 * revision with it (`dashboardEditedAt`).
 */
export function dashboardsStream(concurrency = defaultDashboardConcurrency): MetabaseStream {
  return metabaseStream('dashboards', 'viewer', {
    cursorValue: dashboardEditedAt,
    request: { path: ({ partition }) => partitionPath('dashboard', partition) },
    records: { path: '', expect: 'object' }, // a detail: one dashboard per response
    partitions: dashboardPartitions(concurrency),
    errorTable: { 404: deletedMeanwhile },
  });
}
