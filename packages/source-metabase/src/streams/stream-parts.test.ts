import type { PartitionContext } from '@mb-airbyte/http-source-kit';
import { describe, expect, it } from 'vitest';
import { metabaseConfigSchema } from '../config.js';
import { collectionPartition } from './collections-items-dashboards.js';
import { dashboardListStream } from './dashboard-list.js';
import { metabaseStreams } from './index.js';
import { dashboardPartition, dashboardPartitions } from './dashboard-partitions.js';
import { partitionPath } from './partition-path.js';
import { uniquePartitions } from './unique-partitions.js';

const config = metabaseConfigSchema.parse({ instance_api_url: 'https://mb.example.com', api_key: 'mb_x' });

describe('stream parts', () => {
  it('declares what each response holds: lists must be arrays (a 200 error object fails), a dashboard detail an object', () => {
    const declared = Object.fromEntries(
      [...metabaseStreams(), dashboardListStream()].map((stream) => [stream.name, stream.records]),
    );
    const bare = { path: '', expect: 'array' };
    const inData = { path: 'data', expect: 'array' };
    expect(declared).toEqual({
      cards: bare,
      collections: bare,
      native_query_snippets: bare,
      tables: bare,
      segments: bare,
      permission_groups: bare,
      alerts: bare,
      dashboard_list: bare,
      users: inData,
      databases: inData,
      collections_items_dashboards: inData,
      dashboard_cards: undefined,
      dashboards: { path: '', expect: 'object' },
    });
    expect(metabaseStreams().find((stream) => stream.name === 'dashboard_cards')?.derivedFrom).toBe('dashboards');
  });

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

  it('skips items rows whose latest revision is older than the saved cursor, and keeps rows without one', () => {
    const context = { config, cursor: '2024-06-01T00:00:00Z' };
    const row = (timestamp?: string) => ({
      id: 4,
      model: 'dashboard',
      ...(timestamp === undefined ? {} : { 'last-edit-info': { timestamp } }),
    });
    expect(dashboardPartition(row('2024-05-31T23:59:59.999Z'), context)).toBeUndefined();
    expect(dashboardPartition(row('2024-06-01T00:00:00.000Z'), context)).toEqual({ id: 4 });
    expect(dashboardPartition(row(), context)).toEqual({ id: 4 });
  });

  it('lists dashboards with GET /api/dashboard when there is a cursor, and falls back to the chain when that list is empty or gone', async () => {
    const list = [
      { id: 1, updated_at: '2024-01-01T00:00:00Z', 'last-edit-info': { timestamp: '2024-07-01T00:00:00Z' } },
      { id: 2, updated_at: '2024-01-01T00:00:00Z' },
      { id: 3, updated_at: '2024-08-01T00:00:00Z' },
    ];
    const items = [
      { id: 7, model: 'dashboard' },
      { id: 8, model: 'dashboard', 'last-edit-info': { timestamp: '2023-01-01T00:00:00Z' } },
    ];
    const partitionIds = async (cursor: unknown, listRows: unknown[]) => {
      const read: unknown[] = [];
      const readStream = (stream: unknown) => {
        const name = typeof stream === 'string' ? stream : (stream as { name: string }).name;
        read.push(name);
        return (async function* () {
          await Promise.resolve();
          yield* name === 'dashboard_list' ? listRows : items;
        })();
      };
      const context = {
        config,
        cursor,
        signal: new AbortController().signal,
        readStream,
      } as unknown as PartitionContext<typeof config>;
      const ids: unknown[] = [];
      for await (const partition of dashboardPartitions().partitions(context)) ids.push(partition.id);
      return { ids, read };
    };
    expect(await partitionIds('2024-06-01T00:00:00Z', list)).toEqual({ ids: [1, 3], read: ['dashboard_list'] });
    expect(await partitionIds('2024-06-01T00:00:00Z', [])).toEqual({
      ids: [7],
      read: ['dashboard_list', 'collections_items_dashboards'],
    });
    expect(await partitionIds(undefined, list)).toEqual({ ids: [7, 8], read: ['collections_items_dashboards'] });
  });

  it('cuts dashcards (or ordered_cards before 0.48) out of the detail text, filling a missing or null dashboard_id with its id', () => {
    const transformJson = metabaseStreams().find((stream) => stream.name === 'dashboard_cards')?.transformJson;
    const context = { config, partition: undefined, stream: 'dashboard_cards' };
    const big =
      '"visualization_settings":{"n":12345678901234567890123,"x":1e400,"d":0.1234567890123456789012345678901234}';
    const cards = `[{"id":9007199254740993,${big}},{"id":2,"dashboard_id":null},{"id":3,"dashboard_id":3}]`;
    const expected = [
      `{"dashboard_id":9,"id":9007199254740993,${big}}`,
      '{"id":2,"dashboard_id":9}',
      '{"id":3,"dashboard_id":3}',
    ];
    expect(transformJson?.(`{"id":9,"dashcards":${cards},"tabs":[]}`, context)).toEqual(expected);
    expect(transformJson?.(`{"id":9,"ordered_cards":${cards}}`, context)).toEqual(expected);
    expect(transformJson?.('{"id":9,"dashcards":null}', context)).toEqual([]);
    expect(() => transformJson?.('{"id":9,"cards":[]}', context)).toThrow(
      /Dashboard 9: .*neither "dashcards".*nor "ordered_cards".*Top-level keys: id, cards/,
    );
    // The dashboard's id is copied as sent, even beyond 2^53.
    expect(transformJson?.('{"id":9007199254740993,"dashcards":[{"id":1}]}', context)).toEqual([
      '{"dashboard_id":9007199254740993,"id":1}',
    ]);
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
    const context = {
      config,
      cursor: undefined,
      signal: new AbortController().signal,
      readStream: () => [],
    } as unknown as PartitionContext<typeof config>;
    for (let read = 0; read < 2; read++) {
      const seen: unknown[] = [];
      for await (const partition of router.partitions(context)) seen.push(partition.id);
      expect(seen).toEqual([1, 2, 3]);
    }
    expect(router.concurrency).toBe(2);
  });
});
