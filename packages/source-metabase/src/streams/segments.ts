import { segmentsSchema } from '../schemas/segments.js';
import { bareList, describeStream } from './metabase-stream.js';

/** `segments`: GET /api/segment, a bare array (archived segments excluded). */
export const segments = describeStream({
  name: 'segments',
  primaryKey: [['id']],
  cursorField: 'updated_at',
  access: 'viewer',
  schema: segmentsSchema,
  read: () => ({ request: { path: 'segment' }, records: bareList }),
});
