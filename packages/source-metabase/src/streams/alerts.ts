import { alertsSchema } from '../schemas/alerts.js';
import { bareList, describeStream } from './metabase-stream.js';

/**
 * `alerts`: GET /api/alert, a bare array. Metabase announced in 0.52 that it will remove this route; a 404 then
 * fails this stream alone with a message that says so, instead of passing for "no alerts".
 */
export const alerts = describeStream({
  name: 'alerts',
  primaryKey: [['id']],
  cursorField: 'updated_at',
  access: 'viewer',
  schema: alertsSchema,
  read: () => ({
    request: { path: 'alert' },
    records: bareList,
    errorTable: {
      404: {
        action: 'fail',
        failureType: 'config_error',
        message: ({ method, url }) =>
          `The "alerts" stream reads ${method} ${url}, which this Metabase does not serve (HTTP 404; the route is deprecated since Metabase 0.52). Deselect the stream.`,
      },
    },
  }),
});
