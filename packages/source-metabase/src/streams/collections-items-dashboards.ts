import { parentPartitions, type JsonRecord, type Partition } from '@mb-airbyte/http-source-kit';
import { collectionsItemsDashboardsSchema } from '../schemas/collections-items-dashboards.js';
import { describeStream, listInData } from './metabase-stream.js';
import { deletedMeanwhile, partitionPath } from './partition-path.js';

/**
 * The most items requests in flight at once. The kit shares the client's connections between the levels
 * of the dashboards chain as the work requires (the collections list, items, details), so this is only an upper bound.
 */
export const defaultCollectionItemsConcurrency = 8;

/** One items request per collection; the root pseudo-collection's id is the string "root". */
export function collectionPartition(collection: JsonRecord): Partition | undefined {
  const id = collection.id;
  return typeof id === 'number' || typeof id === 'string' ? { id } : undefined;
}

/**
 * `collections_items_dashboards`: for every collection, GET /api/collection/{id}/items?models=dashboard (records in
 * `data`). The requests run a few at a time; records come out in collection order whatever the timing.
 */
export const collectionsItemsDashboards = describeStream({
  name: 'collections_items_dashboards',
  primaryKey: [['id']],
  access: 'viewer',
  schema: collectionsItemsDashboardsSchema,
  read: ({ options }) => ({
    request: {
      path: ({ partition }) => partitionPath('collection', partition, '/items'),
      params: { models: 'dashboard' },
    },
    records: listInData,
    partitions: parentPartitions({
      parent: 'collections',
      partition: collectionPartition,
      concurrency: options.collectionItemsConcurrency ?? defaultCollectionItemsConcurrency,
    }),
    errorTable: { 404: deletedMeanwhile },
  }),
});
