import { databasesSchema } from '../schemas/databases.js';
import { listInData, describeStream } from './metabase-stream.js';

/** `databases`: GET /api/database, records in `data` (`{data, total}`, not paginated). */
export const databases = describeStream({
  name: 'databases',
  primaryKey: [['id']],
  cursorField: 'updated_at',
  access: 'viewer',
  schema: databasesSchema,
  read: () => ({ request: { path: 'database' }, records: listInData }),
});
