import { tablesSchema } from '../schemas/tables.js';
import { bareList, describeStream } from './metabase-stream.js';

/** `tables`: GET /api/table, a bare array of the active tables of every database. */
export const tables = describeStream({
  name: 'tables',
  primaryKey: [['id']],
  cursorField: 'updated_at',
  access: 'viewer',
  schema: tablesSchema,
  read: () => ({ request: { path: 'table' }, records: bareList }),
});
