import { describe, expect, test } from 'vitest';
import { createWorld } from '../src/data/world.js';
import { startSandbox, type JsonRecord } from '../src/index.js';
import { call } from './https-call.js';

const ISO_MS_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// Fields the official Airbyte connector's schemas declare (manifest.yaml), per stream.
const DECLARED: Record<string, string[]> = {
  cards: [
    'archived',
    'cache_ttl',
    'collection',
    'collection_id',
    'collection_position',
    'created_at',
    'creator',
    'creator_id',
    'database_id',
    'dataset',
    'dataset_query',
    'description',
    'display',
    'embedding_params',
    'enable_embedding',
    'id',
    'last-edit-info',
    'made_public_by_id',
    'name',
    'public_uuid',
    'query_type',
    'result_metadata',
    'table_id',
    'updated_at',
    'visualization_settings',
  ],
  collections: [
    'archived',
    'authority_level',
    'can_write',
    'color',
    'description',
    'id',
    'location',
    'name',
    'namespace',
    'personal_owner_id',
    'slug',
  ],
  dashboards: [
    'archived',
    'cache_ttl',
    'can_write',
    'caveats',
    'collection',
    'collection_authority_level',
    'collection_id',
    'collection_position',
    'created_at',
    'creator_id',
    'dashcards',
    'description',
    'embedding_params',
    'enable_embedding',
    'id',
    'last-edit-info',
    'made_public_by_id',
    'name',
    'param_fields',
    'param_values',
    'parameters',
    'points_of_interest',
    'position',
    'public_uuid',
    'show_in_getting_started',
    'tabs',
    'updated_at',
  ],
  users: ['common_name', 'email', 'first_name', 'id', 'last_name'],
  databases: [
    'auto_run_queries',
    'cache_field_values_schedule',
    'cache_ttl',
    'can_upload',
    'caveats',
    'created_at',
    'creator_id',
    'dbms_version',
    'description',
    'details',
    'engine',
    'features',
    'id',
    'initial_sync_status',
    'is_audit',
    'is_full_sync',
    'is_on_demand',
    'is_sample',
    'metadata_sync_schedule',
    'name',
    'native_permissions',
    'options',
    'points_of_interest',
    'refingerprint',
    'settings',
    'timezone',
    'updated_at',
  ],
  native_query_snippets: [
    'archived',
    'collection_id',
    'content',
    'created_at',
    'creator',
    'creator_id',
    'description',
    'entity_id',
    'id',
    'name',
    'updated_at',
  ],
};

describe('generated data', () => {
  test('same seed => byte-identical bodies; another seed differs', async () => {
    const bodies: string[] = [];
    for (const seed of [3, 3, 4]) {
      const sandbox = await startSandbox({ seed });
      const headers = { 'X-API-Key': sandbox.credentials.adminApiKey };
      bodies.push(
        (await call(sandbox, 'card', { headers })).body + (await call(sandbox, 'dashboard/2', { headers })).body,
      );
      await sandbox.stop();
    }
    expect(bodies[0]).toBe(bodies[1]);
    expect(bodies[2]).not.toBe(bodies[0]);
  });

  test('scale 1: every stream is non-empty and records carry the official schema fields', async () => {
    const sandbox = await startSandbox();
    try {
      const e = sandbox.expected;
      const streams: Record<string, JsonRecord[]> = {
        cards: e.cards(),
        collections: e.collections().slice(1),
        dashboards: e.dashboards(),
        users: e.users(),
        databases: e.databases(),
        native_query_snippets: e.nativeQuerySnippets(),
      };
      for (const [name, rows] of Object.entries(streams)) {
        expect(rows.length, name).toBeGreaterThan(0);
        for (const row of rows)
          for (const key of DECLARED[name] ?? []) expect(row, `${name}.${key}`).toHaveProperty([key]);
      }
      for (const list of [e.tables(), e.segments(), e.permissionGroups(), e.alerts()])
        expect(list.length).toBeGreaterThan(0);
      expect(e.cards().length).toBeGreaterThanOrEqual(20);
      expect(e.cards().length).toBeLessThan(100);
      expect(e.users().some((u) => u.is_active === false)).toBe(true);
    } finally {
      await sandbox.stop();
    }
  });

  test('timestamps are ISO with milliseconds and Z; nested objects look like Metabase 0.50', () => {
    const world = createWorld(1, 2, []);
    let natives = 0;
    for (let id = 1; id <= world.cards.count; id++) {
      const card = world.cards.record(id);
      for (const key of ['created_at', 'updated_at', 'last_used_at']) expect(card[key]).toMatch(ISO_MS_Z);
      expect((card['last-edit-info'] as JsonRecord).timestamp).toMatch(ISO_MS_Z);
      expect(Object.keys(card.creator as JsonRecord).sort()).toEqual([
        'common_name',
        'date_joined',
        'email',
        'first_name',
        'id',
        'is_qbnewb',
        'is_superuser',
        'last_login',
        'last_name',
      ]);
      expect(card.type).toMatch(/^(question|model|metric)$/);
      const query = card.dataset_query as { type: string; native?: { query: string; 'template-tags': JsonRecord } };
      if (query.type === 'native') {
        natives++;
        expect(query.native?.query).toMatch(/^SELECT /);
      }
      const meta = card.result_metadata as JsonRecord[] | null;
      if (meta !== null) for (const column of meta) expect(column).toHaveProperty('field_ref');
    }
    expect(natives).toBeGreaterThan(0);
  });

  test("scale knob, 'even' shape: ~40,000 cards, ~27,000 collections, ~8,000 dashboards at scale 1000 (counts only)", () => {
    const world = createWorld(1, 1000, [], 'even');
    expect(world.cards.count).toBe(40_000);
    expect(world.dashboards.count()).toBe(8_000);
    expect(world.collections.trashId - 1).toBe(27_000);
    expect(world.users.length).toBe(2_008);
    const small = createWorld(1, 1, [], 'even');
    expect(small.cards.count).toBe(40);
    expect(small.collections.trashId - 1).toBe(27);
  });

  test("'realistic' shape at scale 100: a personal collection per user, most collections without dashboards, nesting at most 4 deep", () => {
    const world = createWorld(1, 100, []);
    const { collections, dashboards } = world;
    expect(world.users.length).toBe(1_208);
    expect(collections.personalCount).toBe(world.users.length);
    expect(collections.trashId - 1).toBe(1_208 + 1_000 + 400);
    const holding = new Set<number>();
    for (let id = 1; id <= dashboards.count(); id++) holding.add(dashboards.collectionId(id) ?? 0);
    let inside = 0;
    let deepest = 0;
    for (let id = 1; id < collections.trashId; id++) {
      const owner = collections.ownerOf(id);
      if (owner !== null && !collections.isPersonal(id)) inside++;
      const ancestors = String(collections.record(id).location).split('/').length - 2;
      // Levels counted from the top, or from the personal collection a collection sits in.
      deepest = Math.max(deepest, 1 + (owner !== null && !collections.isPersonal(id) ? ancestors - 1 : ancestors));
    }
    expect(inside).toBeGreaterThan(300);
    expect(deepest).toBe(4);
    expect(holding.size / (collections.trashId - 1)).toBeLessThan(0.25);
    let emptyPersonal = 0;
    for (let id = 1; id <= collections.personalCount; id++) if (!holding.has(id)) emptyPersonal++;
    expect(emptyPersonal / collections.personalCount).toBeGreaterThan(0.8);
  });
});
