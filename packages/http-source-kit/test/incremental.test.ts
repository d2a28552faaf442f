// Incremental syncs: client-side >= filter, the saved cursor, safe intermediate states, skipping unchanged parents.
import { afterEach, describe, expect, it } from 'vitest';
import { defineSource, defineStream, parentPartitions, type JsonRecord } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { recordsOf, timeline } from './support/output-timeline.js';
import { startToyApi, TOY_TOKEN, toyProjects, type ToyApi } from './support/toy-api.js';
import { toyConfigSchema, toySource, toyStreams } from './support/toy-source.js';

let api: ToyApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** A source with one escape-hatch stream yielding `rows`, with a cursor. */
function cursorSource(
  rows: JsonRecord[],
  options: { order?: 'ascending' | 'unordered'; interval?: number; filter?: 'client' | 'server' } = {},
) {
  return defineSource({
    name: 'source-rows',
    version: '1.0.0',
    config: toyConfigSchema,
    http: (config) => ({ baseUrl: config.base_url }),
    streams: () => [
      defineStream({
        name: 'rows',
        cursorField: 'at',
        ...(options.order === undefined ? {} : { cursorOrder: options.order }),
        ...(options.interval === undefined ? {} : { checkpointInterval: options.interval }),
        ...(options.filter === undefined ? {} : { cursorFilter: options.filter }),
        jsonSchema: { type: 'object', properties: { id: { type: 'integer' }, at: { type: ['integer', 'null'] } } },
        read: async function* () {
          for (const row of rows) {
            await Promise.resolve();
            yield row;
          }
        },
      }),
    ],
  });
}
const unused = { base_url: 'https://unused.invalid/', api_token: 'x' };

describe('incremental', () => {
  it('saves the largest cursor, and the next sync emits records >= it (ties included, nothing lost)', async () => {
    api = await startToyApi();
    const config = { base_url: api.baseUrl, api_token: TOY_TOKEN };
    const first = await readSource(toySource, { config, streams: ['tasks'], syncMode: 'incremental' });
    expect(recordsOf(first, 'tasks')).toHaveLength(35);
    expect(first.states.at(-1)?.stream?.stream_state).toEqual({ updated_at: '2024-02-16T00:00:00Z' });
    const second = await readSource(toySource, {
      config,
      streams: ['tasks'],
      syncMode: 'incremental',
      state: first.states,
    });
    expect(recordsOf(second, 'tasks').map((t) => t.id)).toEqual(toyProjects.map((p) => `${p.id}-6`));
    expect(timeline(second, 'tasks')).toEqual(['STARTED', 'RUNNING', 'R5', 'S5', 'COMPLETE']);
    expect(second.states.at(-1)?.stream?.stream_state).toEqual({ updated_at: '2024-02-16T00:00:00Z' });
  });

  it("with cursorFilter 'server', emits every record the API returns and still saves the largest cursor", async () => {
    const rows = [
      { id: 1, at: 5 },
      { id: 2, at: 20 },
      { id: 3, at: 9 },
    ];
    const state = [{ type: 'STREAM', stream: { stream_descriptor: { name: 'rows' }, stream_state: { at: 10 } } }];
    const server = await readSource(cursorSource(rows, { filter: 'server' }), {
      config: unused,
      syncMode: 'incremental',
      state,
    });
    expect(recordsOf(server, 'rows').map((r) => r.id)).toEqual([1, 2, 3]);
    expect(server.states.at(-1)?.stream?.stream_state).toEqual({ at: 20 });
    const client = await readSource(cursorSource(rows), { config: unused, syncMode: 'incremental', state });
    expect(recordsOf(client, 'rows').map((r) => r.id)).toEqual([2]);
  });

  it('compares date-time cursors by instant, and keeps records without a cursor', async () => {
    const rows = [
      { id: 1, at: '2024-03-01T09:00:00+02:00' }, // 07:00Z: before the saved cursor
      { id: 2, at: '2024-03-01T08:00:00.000Z' }, // the same instant as the saved cursor
      { id: 3, at: null },
      { id: 4, at: '2024-03-01T08:00:00.000001Z' },
    ];
    const state = [
      { type: 'STREAM', stream: { stream_descriptor: { name: 'rows' }, stream_state: { at: '2024-03-01T08:00:00Z' } } },
    ];
    const output = await readSource(cursorSource(rows), { config: unused, syncMode: 'incremental', state });
    expect(recordsOf(output, 'rows').map((r) => r.id)).toEqual([2, 3, 4]);
    expect(output.states.at(-1)?.stream?.stream_state).toEqual({ at: '2024-03-01T08:00:00.000001Z' });
  });

  it('saves progress every N records for an ascending stream, with distinct states that never skip a record', async () => {
    const ats = [1, 2, 2, 3, 4, 5, 5, 5, 5, 6, 7, 8];
    const rows = ats.map((at, id) => ({ id, at }));
    const output = await readSource(cursorSource(rows, { order: 'ascending', interval: 3 }), {
      config: unused,
      syncMode: 'incremental',
    });
    // After 1,2,2 -> save 1; after 3,4,5 -> save 4; 5,5,5 add nothing new; 6 -> save 5; end -> 8.
    expect(timeline(output, 'rows')).toEqual([
      'STARTED',
      'RUNNING',
      'R3',
      'S3',
      'R3',
      'S3',
      'R4',
      'S4',
      'R2',
      'S2',
      'COMPLETE',
    ]);
    const saved = output.states.map((s) => s.stream?.stream_state?.at as number);
    expect(saved).toEqual([1, 4, 5, 8]);
    expect(new Set(saved).size).toBe(saved.length);
    // Safety: when a state is emitted, every record at or below its cursor has been emitted before it.
    let emitted = 0;
    for (const message of output.messages) {
      if (message.type === 'RECORD') emitted++;
      if (message.type === 'STATE') {
        const at = message.state.stream?.stream_state?.at as number;
        expect(emitted).toBeGreaterThanOrEqual(ats.filter((a) => a <= at).length);
      }
    }
  });

  it('saves only at the end when an "ascending" stream turns out unordered (and says so)', async () => {
    const rows = [5, 6, 7, 1, 8, 9, 10].map((at, id) => ({ id, at }));
    const output = await readSource(cursorSource(rows, { order: 'ascending', interval: 2 }), {
      config: unused,
      syncMode: 'incremental',
    });
    expect(timeline(output, 'rows')).toEqual(['STARTED', 'RUNNING', 'R2', 'S2', 'R5', 'S5', 'COMPLETE']);
    expect(output.states.map((s) => s.stream?.stream_state)).toEqual([{ at: 5 }, { at: 10 }]);
    expect(output.logs.some((l) => l.level === 'WARN' && l.message.includes('not in ascending at order'))).toBe(true);
  });

  it('lets a partition router skip parents that did not change since the saved cursor', async () => {
    api = await startToyApi();
    const source = defineSource({
      ...toySource,
      streams: (config) =>
        toyStreams(config).map((stream) =>
          stream.name !== 'tasks'
            ? stream
            : defineStream({
                ...stream,
                partitions: parentPartitions({
                  parent: 'projects',
                  partition: (project, { cursor }) =>
                    typeof cursor === 'string' && String(project.updated_at) < cursor ? undefined : { id: project.id },
                }),
              }),
        ),
    });
    const state = [
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'tasks' }, stream_state: { updated_at: '2024-01-04T00:00:00Z' } },
      },
    ];
    const output = await readSource(source, {
      config: { base_url: api.baseUrl, api_token: TOY_TOKEN },
      streams: ['tasks'],
      syncMode: 'incremental',
      state,
    });
    expect(new Set(recordsOf(output, 'tasks').map((t) => t.project_id))).toEqual(new Set([103, 104]));
    expect(api.server.requests.filter((r) => r.path.includes('/tasks')).map((r) => r.path.split('/')[3])).not.toContain(
      '100',
    );
  });
});
