// A derived stream (records cut from another stream's records) read with the stream it is derived from shares that
// stream's read: each request is made once; read alone it reads the other stream without emitting it; a saved
// cursor on the other stream, or a failure of one of them, keeps their outcomes apart.
import { afterEach, describe, expect, it } from 'vitest';
import { defineSource, defineStream, type StreamDefinition } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { errorsOf, recordsOf, timeline } from './support/output-timeline.js';
import { startToyApi, TOY_TOKEN, toyProjects, toyTasks, type ToyApi } from './support/toy-api.js';
import { toySource, toyStreams, type ToyConfig } from './support/toy-source.js';

let api: ToyApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** One record per task: its id and the length of its title; refuses the task ids in `refused`. */
function taskTitles(refused: readonly string[] = []): StreamDefinition<ToyConfig> {
  return defineStream<ToyConfig>({
    name: 'task_titles',
    primaryKey: [['task_id']],
    jsonSchema: { type: 'object', properties: { task_id: { type: 'string' }, length: { type: 'integer' } } },
    derivedFrom: 'tasks',
    transform: (task) => {
      if (refused.includes(String(task.id))) throw new Error(`cannot derive from task ${String(task.id)}`);
      return { task_id: task.id, length: String(task.title).length };
    },
  });
}

const sourceWith = (derived: StreamDefinition<ToyConfig>) =>
  defineSource<ToyConfig>({ ...toySource, streams: (config) => [...toyStreams(config), derived] });
const tasks = toyProjects.flatMap((p) => toyTasks(p.id).map((t) => ({ ...t, project_id: p.id })));
const titles = tasks.map((t) => ({ task_id: t.id, length: t.title.length }));
/** Task requests of one full read: three pages per project. */
const TASK_REQUESTS = toyProjects.length * 3;

async function read(
  streams: string[],
  options: { derived?: StreamDefinition<ToyConfig>; state?: unknown; syncMode?: 'incremental' } = {},
) {
  api ??= await startToyApi();
  const source = sourceWith(options.derived ?? taskTitles());
  return readSource(source, { config: { base_url: api.baseUrl, api_token: TOY_TOKEN }, streams, ...options });
}

describe('derived streams', () => {
  it('read with their source, share its read: each request once, both streams complete with every record', async () => {
    const output = await read(['tasks', 'task_titles']);
    expect(output.exitCode).toBe(0);
    expect(recordsOf(output, 'tasks')).toEqual(tasks);
    expect(recordsOf(output, 'task_titles')).toEqual(titles);
    expect(api?.requests).toMatchObject({ projects: 1, tasks: TASK_REQUESTS });
    for (const stream of ['tasks', 'task_titles'])
      expect(timeline(output, stream)).toEqual(['STARTED', 'RUNNING', 'R35', 'S35', 'COMPLETE']);
  });

  it('read alone, read their source without emitting it', async () => {
    const output = await read(['task_titles']);
    expect(output.exitCode).toBe(0);
    expect(recordsOf(output, 'task_titles')).toEqual(titles);
    expect(recordsOf(output, 'tasks')).toEqual([]);
    expect(api?.requests).toMatchObject({ projects: 1, tasks: TASK_REQUESTS });
  });

  it('are read apart when their source starts from a saved cursor (the derived stream needs every record)', async () => {
    const state = [
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'tasks' }, stream_state: { updated_at: '2024-02-15T00:00:00Z' } },
      },
    ];
    const output = await read(['tasks', 'task_titles'], { syncMode: 'incremental', state });
    expect(output.exitCode).toBe(0);
    expect(recordsOf(output, 'tasks')).toEqual(tasks.filter((t) => t.updated_at >= '2024-02-15T00:00:00Z'));
    expect(recordsOf(output, 'task_titles')).toEqual(titles);
    expect(api?.requests).toMatchObject({ projects: 2, tasks: 2 * TASK_REQUESTS });
  });

  it('a failure of the derived stream alone leaves its source complete', async () => {
    const output = await read(['tasks', 'task_titles'], { derived: taskTitles(['102-3']) });
    expect(output.exitCode).toBe(1);
    expect(recordsOf(output, 'tasks')).toEqual(tasks);
    expect(timeline(output, 'tasks')).toEqual(['STARTED', 'RUNNING', 'R35', 'S35', 'COMPLETE']);
    expect(timeline(output, 'task_titles').at(-2)).toBe('INCOMPLETE');
    expect(errorsOf(output).some((e) => e.stream_descriptor?.name === 'task_titles')).toBe(true);
    expect(api?.requests.tasks).toBe(TASK_REQUESTS);
  });

  it('a failure of the shared read fails both streams, each with its own error', async () => {
    api = await startToyApi({ status: { tasks: 400 } });
    const output = await read(['tasks', 'task_titles']);
    expect(output.exitCode).toBe(1);
    for (const stream of ['tasks', 'task_titles']) {
      expect(timeline(output, stream).at(-2), stream).toBe('INCOMPLETE');
      expect(
        errorsOf(output).some((e) => e.stream_descriptor?.name === stream),
        stream,
      ).toBe(true);
    }
    expect(api.requests.tasks).toBe(1);
  });

  it('are checked when defined: one source of records, no request options, not derived from themselves', () => {
    const base = { name: 'd', jsonSchema: { type: 'object' } };
    expect(() => defineStream({ ...base, derivedFrom: 'tasks', request: { path: 'x' } })).toThrow(
      /exactly one of `request`, `read` and `derivedFrom`/,
    );
    expect(() => defineStream({ ...base, derivedFrom: 'tasks', records: 'data' })).toThrow(/apply to `request`/);
    expect(() =>
      defineStream({
        ...base,
        derivedFrom: 'tasks',
        errorTable: { 404: { action: 'ignore', failureType: 'system_error' } },
      }),
    ).toThrow(/makes no requests/);
    expect(() => defineStream({ ...base, derivedFrom: 'd' })).toThrow(/derived from itself/);
  });
});
