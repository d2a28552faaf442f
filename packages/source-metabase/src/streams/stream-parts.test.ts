import type { PartitionContext } from '@mb-airbyte/http-source-kit';
import { describe, expect, it } from 'vitest';
import { metabaseConfigSchema } from '../config.js';
import { collectionPartition } from './collections-items-dashboards.js';
import { dashboardCardsStream } from './dashboard-cards.js';
import { dashboardPartition } from './dashboard-partitions.js';
import { partitionPath } from './partition-path.js';
import { uniquePartitions } from './unique-partitions.js';

const config = metabaseConfigSchema.parse({ instance_api_url: 'https://mb.example.com', api_key: 'mb_x' });

describe('stream parts', () => {
  it('builds collection paths for numeric ids and the "root" pseudo-collection', () => {
    expect(partitionPath('collection', collectionPartition({ id: 'root' }), '/items')).toBe('collection/root/items');
    expect(partitionPath('collection', collectionPartition({ id: 12 }), '/items')).toBe('collection/12/items');
    expect(collectionPartition({ name: 'no id' })).toBeUndefined();
    expect(() => partitionPath('dashboard', undefined)).toThrow(TypeError);
  });

  it('turns dashboard rows of collection items into detail partitions, and nothing else', () => {
    const context = { config, cursor: undefined };
    expect(dashboardPartition({ id: 4, model: 'dashboard' }, context)).toEqual({ id: 4 });
    expect(dashboardPartition({ id: 4 }, context)).toEqual({ id: 4 });
    expect(dashboardPartition({ id: 5, model: 'card' }, context)).toBeUndefined();
    expect(dashboardPartition({ id: 'x', model: 'dashboard' }, context)).toBeUndefined();
  });

  it('fills a missing dashboard_id of a dashcard from its dashboard, and keeps a present one', () => {
    const transform = dashboardCardsStream().transform;
    const context = { config, partition: { id: 9 }, stream: 'dashboard_cards' };
    expect(transform?.({ id: 1, dashboard_id: null }, context)).toEqual({ id: 1, dashboard_id: 9 });
    expect(transform?.({ id: 2, dashboard_id: 3 }, context)).toEqual({ id: 2, dashboard_id: 3 });
  });

  it('drops repeated partitions, per read', async () => {
    const router = uniquePartitions<typeof config>(
      {
        concurrency: 2,
        async *partitions() {
          await Promise.resolve();
          yield* [{ id: 1 }, { id: 2 }, { id: 1 }, { id: 3 }, { id: 2 }];
        },
      },
      (partition) => partition.id,
    );
    const context = { config, cursor: undefined, signal: new AbortController().signal, readStream: () => [] } as unknown as PartitionContext<typeof config>;
    for (let read = 0; read < 2; read++) {
      const seen: unknown[] = [];
      for await (const partition of router.partitions(context)) seen.push(partition.id);
      expect(seen).toEqual([1, 2, 3]);
    }
    expect(router.concurrency).toBe(2);
  });
});
