// An incremental sync stopped halfway resumes from the states it emitted without losing a record, and archived
// cards (include_archived_cards) reach the destination as records with "archived": true.
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { readSource, type SourceOutput } from '@mb-airbyte/http-source-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  idsAtCursor,
  incrementalCatalog,
  incrementalStreams,
  lastStates,
  platformState,
  readStoppedAfter,
} from './support/incremental-reads.js';
import {
  expectedRecords,
  fastSource,
  finalStatuses,
  recordsByStream,
  sandboxConfig,
} from './support/sandbox-source.js';

const source = fastSource();
let sandbox: Sandbox;
let clock = Date.parse('2025-01-01T00:00:00.000Z');
let config: ReturnType<typeof sandboxConfig>;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 23, scale: 4, now: () => clock });
  config = sandboxConfig(sandbox, 'admin_api_key');
});
afterAll(() => sandbox.stop());

const idsOf = (output: SourceOutput, stream: string) =>
  (recordsByStream(output).get(stream) ?? []).map((record) => record.id);

describe('an interrupted incremental sync', () => {
  it('resumes from the states it emitted: completed streams from their new cursor, the rest from before, nothing lost', async () => {
    const catalog = await incrementalCatalog(source, config, incrementalStreams);
    const expected = expectedRecords(sandbox);
    // Stopped in the middle of `dashboards`, the second stream: `cards` completed and saved its state.
    const stopped = await readStoppedAfter(source, { config, catalog }, expected.cards.length + 2);
    expect(stopped.exitCode).toBe(1);
    const statuses = finalStatuses(stopped);
    expect(statuses.get('cards')).toBe('COMPLETE');
    expect(statuses.get('dashboards')).toBe('INCOMPLETE');
    expect(idsOf(stopped, 'dashboards').length).toBeGreaterThanOrEqual(2);
    expect(idsOf(stopped, 'dashboards').length).toBeLessThan(expected.dashboards.length);
    expect([...lastStates(stopped).keys()]).toEqual(['cards']);
    expect(lastStates(stopped).get('cards')?.sourceStats?.recordCount).toBe(expected.cards.length);

    const resumed = await readSource(source, { config, catalog, state: platformState(stopped) });
    expect(resumed.exitCode).toBe(0);
    for (const stream of incrementalStreams) {
      const union = new Set([...idsOf(stopped, stream), ...idsOf(resumed, stream)]);
      expect([...union].sort(), stream).toEqual(expected[stream].map((record) => record.id).sort());
    }
    // cards resumed from its saved cursor: only the records at it come again; dashboards started over.
    const savedCards = (lastStates(stopped).get('cards')?.stream?.stream_state as { updated_at: string }).updated_at;
    expect(idsOf(resumed, 'cards')).toEqual(idsAtCursor('cards', expected.cards, savedCards));
    expect(idsOf(resumed, 'dashboards')).toEqual(expected.dashboards.map((record) => record.id));
  });
});

describe('include_archived_cards', () => {
  it('adds archived cards with "archived": true, and an incremental read sees a card being archived', async () => {
    const withArchived = { ...config, include_archived_cards: true };
    const all = await readSource(source, { config: withArchived, streams: ['cards'], syncMode: 'incremental' });
    const current = sandbox.expected.cards();
    const cards = recordsByStream(all).get('cards') ?? [];
    // Current cards first (GET /api/card), then the archived ones (GET /api/card?f=archived).
    expect(cards.slice(0, current.length)).toEqual(current);
    const archived = cards.slice(current.length);
    expect(archived.length).toBeGreaterThan(0);
    for (const card of archived) expect(card.archived).toBe(true);

    const victim = current[0]?.id as number;
    clock = Date.parse('2025-04-01T00:00:00.000Z');
    sandbox.mutate.archiveCard(victim); // archiving edits the card: updated_at moves to the sandbox clock
    const next = await readSource(source, {
      config: withArchived,
      streams: ['cards'],
      syncMode: 'incremental',
      state: all.states,
    });
    const seen = (recordsByStream(next).get('cards') ?? []).find((card) => card.id === victim);
    expect(seen).toMatchObject({ archived: true, updated_at: '2025-04-01T00:00:00.000Z' });

    const without = await readSource(source, { config, streams: ['cards'] });
    expect(idsOf(without, 'cards')).toEqual(sandbox.expected.cards().map((card) => card.id));
    expect(idsOf(without, 'cards')).not.toContain(victim);
  });
});
