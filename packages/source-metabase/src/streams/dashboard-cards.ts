import { dashboardPartitions, defaultDashboardConcurrency } from './dashboard-partitions.js';
import { metabaseStream, type MetabaseStream } from './metabase-stream.js';
import { deletedMeanwhile, partitionPath } from './partition-path.js';

/**
 * `dashboard_cards`: one record per entry of `dashcards` in GET /api/dashboard/{id}, for the same dashboards as
 * `dashboards` (which card sits on which dashboard, in which tab and where). It makes its own detail requests, so
 * syncing both streams fetches each dashboard twice. `dashboard_id` is filled in from the request when missing.
 */
export function dashboardCardsStream(concurrency = defaultDashboardConcurrency): MetabaseStream {
  return metabaseStream('dashboard_cards', 'viewer', {
    request: { path: ({ partition }) => partitionPath('dashboard', partition) },
    records: { path: 'dashcards', expect: 'array' },
    partitions: dashboardPartitions(concurrency),
    errorTable: { 404: deletedMeanwhile },
    transform: (dashcard, { partition }) => ({ ...dashcard, dashboard_id: dashcard.dashboard_id ?? partition?.id }),
  });
}
