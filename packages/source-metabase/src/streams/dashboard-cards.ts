import { dashboardPartitions, defaultDashboardConcurrency } from './dashboard-partitions.js';
import { dashcardRecords } from './dashcard-records.js';
import { metabaseStream, type MetabaseStream } from './metabase-stream.js';
import { deletedMeanwhile, partitionPath } from './partition-path.js';

/**
 * `dashboard_cards`: one record per card of GET /api/dashboard/{id} (`dashcards`, or `ordered_cards` before Metabase
 * 0.48), for the same dashboards as `dashboards` (which card sits on which dashboard, in which tab and where). It
 * makes its own detail requests, so syncing both streams fetches each dashboard twice. Records are cut from the
 * detail's text, byte for byte; `dashboard_id` is filled in from the request when missing.
 */
export function dashboardCardsStream(concurrency = defaultDashboardConcurrency): MetabaseStream {
  return metabaseStream('dashboard_cards', 'viewer', {
    request: { path: ({ partition }) => partitionPath('dashboard', partition) },
    records: { path: '', expect: 'object' }, // the detail; its cards are cut out of its text
    partitions: dashboardPartitions(concurrency),
    errorTable: { 404: deletedMeanwhile },
    transformJson: (dashboard, { partition }) => dashcardRecords(dashboard, partition?.id),
  });
}
