// Incremental sync against the sandbox: a first read, changes in the sandbox, a second read that emits exactly the
// changed records plus those at the saved cursor, an unchanged instance, the dashboards detail requests it saves,
// and states it refuses. The sandbox clock is fixed in 2025, after its data (2022-2024) and before the real time
// its Date headers carry, so no saved cursor is capped and every expectation is exact.
import { startSandbox, type JsonRecord, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { readSource, type SourceOutput } from '@mb-airbyte/http-source-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idsAtCursor, incrementalStreams, lastStates, maxCursor } from './support/incremental-reads.js';
import {
  expectedRecords,
  fastSource,
  finalStatuses,
  recordsByStream,
  sandboxConfig,
  streamErrors,
} from './support/sandbox-source.js';

const source = fastSource();
let sandbox: Sandbox;
let clock = Date.parse('2025-01-01T00:00:00.000Z');
let config: ReturnType<typeof sandboxConfig>;
let first: SourceOutput;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 21, scale: 2, now: () => clock });
  config = sandboxConfig(sandbox, 'admin_api_key');
  first = await readSource(source, { config, streams: [...incrementalStreams], syncMode: 'incremental' });
});
afterAll(() => sandbox.stop());

const sorted = (ids: readonly unknown[]) => [...new Set(ids)].sort((a, b) => Number(a) - Number(b));
const idsOf = (output: SourceOutput, stream: string) =>
  (recordsByStream(output).get(stream) ?? []).map((record) => record.id);
const savedCursor = (output: SourceOutput, stream: string) =>
  (lastStates(output).get(stream)?.stream?.stream_state as { updated_at: string }).updated_at;

describe('incremental sync', () => {
  it('a first read emits every record and saves, per stream, the largest cursor with state_version 1 and the record count', () => {
    expect(first.exitCode).toBe(0);
    const expected = expectedRecords(sandbox);
    for (const stream of incrementalStreams) {
      const records = expected[stream];
      expect(idsOf(first, stream), stream).toEqual(records.map((record) => record.id));
      const states = first.states.filter((state) => state.stream?.stream_descriptor.name === stream);
      expect(states, stream).toHaveLength(1); // unordered lists: saved once, at the end
      expect(states[0]?.stream?.stream_state, stream).toEqual({
        updated_at: maxCursor(stream, records),
        state_version: 1,
      });
      expect(states[0]?.sourceStats?.recordCount, stream).toBe(records.length);
    }
  });

  it('reads everything from an empty state, and from the marker a full-refresh sync left', async () => {
    const marker = [
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'cards' }, stream_state: { __ab_no_cursor_state_message: true } },
      },
    ];
    for (const state of [[], marker]) {
      const output = await readSource(source, {
        config,
        streams: ['cards', 'segments'],
        syncMode: 'incremental',
        state,
      });
      expect(idsOf(output, 'cards')).toEqual(idsOf(first, 'cards'));
      expect(idsOf(output, 'segments')).toEqual(idsOf(first, 'segments'));
    }
  });

  describe('after changes in Metabase', () => {
    const at = '2025-03-01T10:00:00.000Z';
    let second: SourceOutput;
    let touchedCards: number[];
    let edited: number;
    let cardsOnly: number;
    let added: number;

    beforeAll(async () => {
      const cards = recordsByStream(first).get('cards') ?? [];
      touchedCards = [cards[3]?.id, cards[17]?.id] as number[];
      const dashboards = recordsByStream(first).get('dashboards') ?? [];
      edited = dashboards[0]?.id as number;
      cardsOnly = dashboards[1]?.id as number;
      clock = Date.parse('2025-02-01T00:00:00.000Z');
      for (const id of touchedCards) sandbox.mutate.touchCard(id, new Date(at));
      sandbox.mutate.touchDashboard(edited, new Date(at));
      sandbox.mutate.touchDashboard(cardsOnly, new Date(at), { cardsOnly: true });
      added = sandbox.mutate.addDashboard('root', 'Incremental Board').id; // created at the sandbox clock
      sandbox.resetStats();
      second = await readSource(source, {
        config,
        streams: [...incrementalStreams],
        syncMode: 'incremental',
        state: first.states,
      });
    });

    it('a second read emits exactly the changed records, plus those at the saved cursor', () => {
      expect(second.exitCode).toBe(0);
      const before = recordsByStream(first);
      const atCursor = (stream: string) => idsAtCursor(stream, before.get(stream) ?? [], savedCursor(first, stream));
      for (const stream of incrementalStreams) expect(atCursor(stream).length, stream).toBeGreaterThanOrEqual(1);
      expect(sorted(idsOf(second, 'cards'))).toEqual(sorted([...touchedCards, ...atCursor('cards')]));
      expect(sorted(idsOf(second, 'dashboards'))).toEqual(
        sorted([edited, cardsOnly, added, ...atCursor('dashboards')]),
      );
      for (const stream of ['databases', 'native_query_snippets', 'tables', 'segments', 'alerts']) {
        expect(sorted(idsOf(second, stream)), stream).toEqual(sorted(atCursor(stream)));
      }
      for (const card of recordsByStream(second).get('cards') ?? [])
        if (touchedCards.includes(card.id as number)) expect(card.updated_at).toBe(at);
    });

    it('sees a dashboard whose cards alone changed (a new revision, updated_at as it was)', () => {
      const dashboard = (recordsByStream(second).get('dashboards') ?? []).find((d) => d.id === cardsOnly);
      expect(dashboard?.updated_at).toBe(
        (recordsByStream(first).get('dashboards') ?? []).find((d) => d.id === cardsOnly)?.updated_at,
      );
      expect((dashboard?.['last-edit-info'] as JsonRecord | undefined)?.timestamp).toBe(at);
      expect(lastStates(second).get('dashboards')?.stream?.stream_state).toEqual({ updated_at: at, state_version: 1 });
    });

    it('lists dashboards with one GET /api/dashboard instead of one request per collection, and fetches changed ones only', () => {
      const routes = sandbox.stats().requestsByRoute;
      expect(routes['GET /api/dashboard']).toBe(1);
      expect(routes['GET /api/dashboard/:id']).toBe(idsOf(second, 'dashboards').length);
      expect(routes['GET /api/collection/:id/items'] ?? 0).toBe(0);
      expect(routes['GET /api/collection'] ?? 0).toBe(0);
      expect(routes['GET /api/card']).toBe(1);
    });

    it('an unchanged instance: the next read emits only the records at the saved cursors', async () => {
      sandbox.resetStats();
      const third = await readSource(source, {
        config,
        streams: [...incrementalStreams],
        syncMode: 'incremental',
        state: second.states,
      });
      expect(third.exitCode).toBe(0);
      const expected = expectedRecords(sandbox);
      for (const stream of incrementalStreams) {
        expect(sorted(idsOf(third, stream)), stream).toEqual(
          sorted(idsAtCursor(stream, expected[stream], savedCursor(second, stream))),
        );
        expect(lastStates(third).get(stream)?.stream?.stream_state, stream).toEqual(
          lastStates(second).get(stream)?.stream?.stream_state,
        );
        expect(lastStates(third).get(stream)?.sourceStats?.recordCount, stream).toBe(idsOf(third, stream).length);
      }
      expect(sandbox.stats().requestsByRoute['GET /api/dashboard/:id']).toBe(idsOf(third, 'dashboards').length);
      // One list request per stream (GET /api/dashboard for dashboards), plus the details of the dashboards emitted.
      expect(sandbox.stats().requests).toBe(incrementalStreams.length + idsOf(third, 'dashboards').length);
    });
  });

  it('refuses a state it does not understand: a config_error naming the stream and the shape it expects', async () => {
    const state = (name: string, streamState: unknown) => ({
      type: 'STREAM',
      stream: { stream_descriptor: { name }, stream_state: streamState },
    });
    const output = await readSource(source, {
      config,
      streams: ['cards', 'dashboards', 'tables', 'databases'],
      syncMode: 'incremental',
      state: [
        state('cards', { updated_at: 'last tuesday', state_version: 1 }),
        state('dashboards', { updated_at: '2024-01-01T00:00:00Z', state_version: 2 }),
        state('tables', { cursor: 12 }),
      ],
    });
    expect(output.exitCode).toBe(1);
    const errors = streamErrors(output);
    const expectedShape = 'expected {"updated_at": "<date-time>", "state_version": 1}';
    expect(errors.get('cards')?.message).toContain(
      `stream "cards" is not understood (${expectedShape}, found updated_at "last tuesday", not a date-time)`,
    );
    expect(errors.get('dashboards')?.message).toContain(
      `stream "dashboards" is not understood (${expectedShape}, found state_version 2)`,
    );
    expect(errors.get('tables')?.message).toContain(
      `stream "tables" is not understood (${expectedShape}, found keys cursor)`,
    );
    for (const name of ['cards', 'dashboards', 'tables'])
      expect(errors.get(name)?.failure_type, name).toBe('config_error');
    expect(finalStatuses(output).get('databases')).toBe('COMPLETE');
    expect(idsOf(output, 'cards')).toEqual([]);
  });
});
