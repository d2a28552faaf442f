import { dashboardCardsSchema } from '../schemas/dashboard-cards.js';
import { dashcardRecords } from './dashcard-records.js';
import { describeStream } from './metabase-stream.js';

/**
 * `dashboard_cards`: one record per card of each dashboard that `dashboards` reads (`dashcards` of GET
 * /api/dashboard/{id}, or `ordered_cards` before Metabase 0.48): which card sits on which dashboard, in which tab and
 * where. Derived from the `dashboards` stream's records, so a sync of both fetches each dashboard once; synced alone,
 * it reads the same chain without emitting dashboards. Records are cut from the detail's text, byte for byte;
 * `dashboard_id` is filled in from the dashboard when missing.
 */
export const dashboardCards = describeStream({
  name: 'dashboard_cards',
  primaryKey: [['id']],
  access: 'viewer',
  schema: dashboardCardsSchema,
  read: () => ({
    derivedFrom: 'dashboards',
    transformJson: (dashboard) => dashcardRecords(dashboard),
  }),
});
