import { collectionsSchema } from '../schemas/collections.js';
import { bareList, describeStream } from './metabase-stream.js';

/** `collections`: GET /api/collection, a bare array led by the root pseudo-collection (id "root"). */
export const collections = describeStream({
  name: 'collections',
  primaryKey: [['id']],
  access: 'viewer',
  schema: collectionsSchema,
  read: () => ({ request: { path: 'collection' }, records: bareList }),
});
