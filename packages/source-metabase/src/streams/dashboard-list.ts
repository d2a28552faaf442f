import { defineStream, type StreamDefinition } from '@mb-airbyte/http-source-kit';
import type { MetabaseConfig } from '../config.js';
import { bareList, forbiddenRule } from './metabase-stream.js';

/**
 * GET /api/dashboard: every dashboard the credential may read, in one bare array whose rows carry `updated_at` and
 * `last-edit-info`. Metabase marks it deprecated ("kept for backwards compatibility") yet serves it in every version
 * so far; the official connector moved away from it to the collections chain. It is not a catalog stream: incremental
 * reads of `dashboards` use it to find the dashboards changed since their cursor in one request. Where it is gone
 * (404), it yields nothing and the collections chain is used instead.
 */
export function dashboardListStream(): StreamDefinition<MetabaseConfig> {
  return defineStream<MetabaseConfig>({
    name: 'dashboard_list',
    primaryKey: [['id']],
    jsonSchema: { type: 'object', properties: { id: { type: 'integer' }, updated_at: { type: ['null', 'string'] } } },
    request: { path: 'dashboard' },
    records: bareList,
    errorTable: { 403: forbiddenRule('dashboards', 'viewer'), 404: { action: 'ignore', failureType: 'system_error' } },
  });
}
