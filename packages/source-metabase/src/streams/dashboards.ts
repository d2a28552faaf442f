import { dashboardsSchema } from '../schemas/dashboards.js';
import { dashboardEditedAt } from './dashboard-edited-at.js';
import { dashboardPartitions, defaultDashboardConcurrency } from './dashboard-partitions.js';
import { describeStream } from './metabase-stream.js';
import { deletedMeanwhile, partitionPath } from './partition-path.js';

/**
 * `dashboards`: GET /api/dashboard/{id} for every dashboard that `collections_items_dashboards` lists, a few at a
 * time, in listing order. A dashboard deleted after it was listed is skipped. Incremental syncs skip the detail
 * request of dashboards not edited since the saved cursor, and compare the later of `updated_at` and the latest
 * revision with it (`dashboardEditedAt`).
 */
export const dashboards = describeStream({
  name: 'dashboards',
  primaryKey: [['id']],
  cursorField: 'updated_at',
  access: 'viewer',
  schema: dashboardsSchema,
  read: ({ options }) => ({
    cursorValue: dashboardEditedAt,
    request: { path: ({ partition }) => partitionPath('dashboard', partition) },
    records: { path: '', expect: 'object' }, // a detail: one dashboard per response
    partitions: dashboardPartitions(options.dashboardConcurrency ?? defaultDashboardConcurrency),
    errorTable: { 404: deletedMeanwhile },
  }),
});
