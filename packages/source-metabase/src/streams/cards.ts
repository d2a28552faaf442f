import { metabaseStream, type MetabaseStream } from './metabase-stream.js';

/** `cards`: GET /api/card, a bare array of saved questions, models and metrics (archived ones excluded). */
export function cardsStream(): MetabaseStream {
  return metabaseStream('cards', 'viewer', { request: { path: 'card' } });
}
