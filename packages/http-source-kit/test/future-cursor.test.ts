// A saved cursor later than the server's clock (a hand-edited state, a server clock set back) must not hide records:
// the stream is read from the start with a WARN, and the state saved is capped at the server's time.
import { afterEach, describe, expect, it } from 'vitest';
import { defineSource, defineStream, type PartitionRouter } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { recordsOf } from './support/output-timeline.js';
import { startToyApi, TOY_TOKEN, toyProjects, type ToyApi } from './support/toy-api.js';
import { toySource, toyStreams, type ToyConfig } from './support/toy-source.js';

let api: ToyApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const tasksState = (updatedAt: string) => [
  { type: 'STREAM', stream: { stream_descriptor: { name: 'tasks' }, stream_state: { updated_at: updatedAt } } },
];
const warnings = (output: { logs: { level: string; message: string }[] }) =>
  output.logs.filter((l) => l.level === 'WARN').map((l) => l.message);

/** The toy source with the tasks stream's partitions replaced. */
function withTaskPartitions(partitions: PartitionRouter<ToyConfig>) {
  return defineSource({
    ...toySource,
    streams: (config) =>
      toyStreams(config).map((stream) => (stream.name === 'tasks' ? defineStream({ ...stream, partitions }) : stream)),
  });
}

describe('a saved cursor later than the server clock', () => {
  it.for([
    '9999-12-31T23:59:59Z',
    '9999-12-31',
    new Date(Date.now() + 86_400_000).toISOString().replace('Z', '+00:00'),
  ])(
    "%s: every record is read again, with a WARN, and the state saved is the records' latest cursor",
    async (saved) => {
      api = await startToyApi();
      const config = { base_url: api.baseUrl, api_token: TOY_TOKEN };
      const output = await readSource(toySource, {
        config,
        streams: ['tasks'],
        syncMode: 'incremental',
        state: tasksState(saved),
      });
      expect(recordsOf(output, 'tasks')).toHaveLength(35);
      expect(warnings(output)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Stream "tasks": the saved cursor updated_at ${saved.replace(/[+.]/g, '\\$&')} is later than the server's clock`,
          ),
        ),
      ]);
      expect(output.states.at(-1)?.stream?.stream_state).toEqual({ updated_at: '2024-02-16T00:00:00Z' });
    },
  );

  it('used by a partition router before the server said its time: the state saved makes the next sync read everything', async () => {
    api = await startToyApi();
    const seen: unknown[] = [];
    const partitions: PartitionRouter<ToyConfig> = {
      concurrency: 1,
      async *partitions(context) {
        seen.push(context.cursor); // before any request: only the local clock to judge by
        await Promise.resolve();
        for (const project of toyProjects) yield { id: project.id };
      },
    };
    const saved = new Date(Date.now() + 60_000).toISOString(); // ahead, but within the local clock's margin for skew
    const config = { base_url: api.baseUrl, api_token: TOY_TOKEN };
    const output = await readSource(withTaskPartitions(partitions), {
      config,
      streams: ['tasks'],
      syncMode: 'incremental',
      state: tasksState(saved),
    });
    expect(seen).toEqual([saved]);
    expect(recordsOf(output, 'tasks')).toHaveLength(35); // the filter judged it with the server's clock
    expect(warnings(output)).toEqual([
      expect.stringMatching(
        /later than the server's clock .*may be missing; the state saved at the end makes the next sync read the stream from the start/,
      ),
    ]);
    expect(output.states.at(-1)?.stream?.stream_state).toEqual({});
    expect(output.exitCode).toBe(0);
  });

  it('a cursor in the past is used as before: no WARN', async () => {
    api = await startToyApi();
    const config = { base_url: api.baseUrl, api_token: TOY_TOKEN };
    const output = await readSource(toySource, {
      config,
      streams: ['tasks'],
      syncMode: 'incremental',
      state: tasksState('2024-02-16T00:00:00Z'),
    });
    expect(recordsOf(output, 'tasks')).toHaveLength(5);
    expect(warnings(output)).toEqual([]);
  });
});
