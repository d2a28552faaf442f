// Parent/child reads stay in parent order whatever the timing; a looping paginator stops; streams read concurrently
// keep each stream's messages in order.
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from './support/random-json.js';
import { readSource } from '../src/testing/index.js';
import { errorsOf, recordsOf, timeline } from './support/output-timeline.js';
import { startToyApi, TOY_TOKEN, toyProjects, toyTasks, toyUsers, type ToyApi } from './support/toy-api.js';
import { toySource } from './support/toy-source.js';

let api: ToyApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const expectedTasks = toyProjects.flatMap((p) => toyTasks(p.id).map((t) => ({ ...t, project_id: p.id })));

describe('partitions and paging', () => {
  it('emits child records in parent order under random response timing, with at most 3 partitions in flight', async () => {
    for (const seed of [1, 2, 3]) {
      const random = seededRandom(seed);
      const delays = new Map(toyProjects.map((p) => [p.id, Math.floor(random() * 20)]));
      api = await startToyApi({ taskDelay: (id) => delays.get(id) ?? 0 });
      const output = await readSource(toySource, {
        config: { base_url: api.baseUrl, api_token: TOY_TOKEN },
        streams: ['tasks'],
      });
      expect(recordsOf(output, 'tasks')).toEqual(expectedTasks);
      expect(api.inFlight.max).toBeLessThanOrEqual(3);
      await api.close();
      api = undefined;
    }
  });

  it('stops a paginator that is handed the same token twice, as a system_error', async () => {
    api = await startToyApi({ taskCursor: () => 'again' });
    const output = await readSource(toySource, {
      config: { base_url: api.baseUrl, api_token: TOY_TOKEN },
      streams: ['tasks'],
    });
    expect(output.exitCode).toBe(1);
    expect(timeline(output, 'tasks')).toEqual(['STARTED', 'RUNNING', 'R3', 'INCOMPLETE', 'ERROR:system_error']);
    expect(errorsOf(output)[0]?.message).toBe(
      'The API returned the page token "again" twice (cursor pagination ($.next)). Stopped to avoid an endless loop.',
    );
  });

  it('reads streams concurrently, each stream’s messages still in order', async () => {
    api = await startToyApi({ taskDelay: () => 5 });
    const output = await readSource(toySource, {
      config: { base_url: api.baseUrl, api_token: TOY_TOKEN },
      streamConcurrency: 2,
    });
    expect(output.exitCode).toBe(0);
    expect(timeline(output, 'users')).toEqual(['STARTED', 'RUNNING', 'R25', 'S25', 'COMPLETE']);
    expect(timeline(output, 'projects')).toEqual(['STARTED', 'RUNNING', 'R5', 'S5', 'COMPLETE']);
    expect(timeline(output, 'tasks')).toEqual(['STARTED', 'RUNNING', 'R35', 'S35', 'COMPLETE']);
    expect(recordsOf(output, 'users')).toEqual(toyUsers);
    expect(recordsOf(output, 'tasks')).toEqual(expectedTasks);
  });
});
