import { listPartitions, type Partition } from '@mb-airbyte/http-source-kit';
import type { MetabaseConfig } from '../config.js';
import { cardsSchema } from '../schemas/cards.js';
import { bareList, describeStream } from './metabase-stream.js';

const current: Partition = { archived: false };
const archived: Partition = { archived: true };

/**
 * `cards`: GET /api/card, a bare array of saved questions, models and metrics. Metabase leaves archived cards out;
 * with `include_archived_cards`, a second request, GET /api/card?f=archived, adds them (after the others).
 */
export const cards = describeStream({
  name: 'cards',
  primaryKey: [['id']],
  cursorField: 'updated_at',
  access: 'viewer',
  schema: cardsSchema,
  read: () => ({
    request: { path: 'card', params: ({ partition }) => (partition?.archived === true ? { f: 'archived' } : {}) },
    records: bareList,
    partitions: listPartitions<MetabaseConfig>(
      (config) => (config.include_archived_cards ? [current, archived] : [current]),
      { concurrency: 2 },
    ),
  }),
});
