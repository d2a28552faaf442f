// "A fatal cause ends the read once": a failure that concerns the whole run is its one ERROR trace; requests other
// streams have in flight stop at once, and every other stream ends INCOMPLETE with a short pointer to it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfiguredAirbyteCatalog } from '@mb-airbyte/airbyte-protocol';
import { readSource } from '../src/testing/index.js';
import { errorsOf, timeline } from './support/output-timeline.js';
import { startTestServer } from './support/https-test-server.js';
import { startToyApi, TOY_TOKEN, type ToyApi } from './support/toy-api.js';
import { toySource } from './support/toy-source.js';

let api: ToyApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const catalogOf = (...names: string[]): ConfiguredAirbyteCatalog => ({
  streams: names.map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh' as const] },
    sync_mode: 'full_refresh' as const,
    destination_sync_mode: 'append' as const,
  })),
});
const pointers = (output: Awaited<ReturnType<typeof readSource>>) =>
  output.logs
    .filter((log) => log.level === 'WARN' && log.message.includes('the read ended because of an earlier error'))
    .map((log) => log.message);

describe('a fatal cause ends the read once', () => {
  it('a refused credential: one ERROR trace for the run, no request after it, every stream INCOMPLETE with a pointer', async () => {
    api = await startToyApi();
    const output = await readSource(toySource, { config: { base_url: api.baseUrl, api_token: 'revoked-token' } });
    expect(output.exitCode).toBe(1);
    const errors = errorsOf(output);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      failure_type: 'config_error',
      message: expect.stringMatching(/rejected the credentials \(HTTP 401\)/) as string,
    });
    expect(errors[0]?.stream_descriptor).toBeUndefined();
    expect(timeline(output, 'users')).toEqual(['STARTED', 'INCOMPLETE']);
    expect(timeline(output, 'projects')).toEqual(['INCOMPLETE']); // never started
    expect(timeline(output, 'tasks')).toEqual(['INCOMPLETE']);
    expect(pointers(output)).toEqual(
      ['users', 'projects', 'tasks'].map(
        (s) => expect.stringMatching(new RegExp(`^Stream "${s}" stopped: .*HTTP 401`)) as string,
      ),
    );
    expect(api.server.requests).toHaveLength(1);
    expect(output.logs.at(-1)?.message).toBe(
      'Read finished: 0 of 3 streams complete, 0 records, 1 HTTP request (0 retries).',
    );
  });

  it('a server nothing listens on: the first stream spends its retry budget, then one ERROR trace ends the run', async () => {
    const closed = await startTestServer('trusted', () => undefined);
    const url = closed.url;
    await closed.close(); // nothing listens on this port any more
    const output = await readSource(toySource, { config: { base_url: url, api_token: TOY_TOKEN } });
    expect(output.exitCode).toBe(1);
    const errors = errorsOf(output);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      failure_type: 'transient_error',
      message: expect.stringMatching(/ECONNREFUSED.*gave up after 6 attempts\). The read stops here/) as string,
    });
    expect(timeline(output, 'users')).toEqual(['STARTED', 'INCOMPLETE']);
    expect(timeline(output, 'projects')).toEqual(['INCOMPLETE']); // never started: no second retry budget
    expect(timeline(output, 'tasks')).toEqual(['INCOMPLETE']);
    expect(pointers(output)).toHaveLength(3);
    expect(
      output.logs.filter((log) => log.message.includes('ECONNREFUSED') && log.message.includes('attempt')),
    ).toHaveLength(5);
  });

  it('a certificate nobody trusts: one ERROR trace for the run, not one per stream', async () => {
    const untrusted = await startTestServer('untrusted', () => undefined);
    try {
      const output = await readSource(toySource, { config: { base_url: untrusted.url, api_token: TOY_TOKEN } });
      expect(output.exitCode).toBe(1);
      expect(errorsOf(output)).toHaveLength(1);
      expect(errorsOf(output)[0]).toMatchObject({
        failure_type: 'config_error',
        message: expect.stringMatching(/TLS certificate check failed/) as string,
      });
      expect(timeline(output, 'projects')).toEqual(['INCOMPLETE']);
      expect(untrusted.requests).toHaveLength(0);
    } finally {
      await untrusted.close();
    }
  });

  it('stops the requests other streams have in flight at once, and counts only their own failures', async () => {
    // tasks waits a minute for every answer; users meets the refusal meanwhile. Without the stop, this test times out.
    api = await startToyApi({ taskDelay: () => 60_000, status: { users: 401 } });
    const output = await readSource(toySource, {
      config: { base_url: api.baseUrl, api_token: TOY_TOKEN },
      catalog: catalogOf('tasks', 'users', 'projects'),
      streamConcurrency: 2,
    });
    expect(output.exitCode).toBe(1);
    expect(errorsOf(output)).toHaveLength(1);
    expect(errorsOf(output)[0]?.stream_descriptor).toBeUndefined();
    expect(timeline(output, 'tasks')).toEqual(['STARTED', 'INCOMPLETE']);
    expect(timeline(output, 'users')).toEqual(['STARTED', 'INCOMPLETE']);
    expect(timeline(output, 'projects')).toEqual(['INCOMPLETE']);
    expect(pointers(output)).toHaveLength(3);
  }, 30_000);

  it("a stream's own failure before the cause keeps its own trace, and the run's summary names the failed streams", async () => {
    api = await startToyApi({ status: { projects: 404, users: 401 } });
    const output = await readSource(toySource, {
      config: { base_url: api.baseUrl, api_token: TOY_TOKEN },
      catalog: catalogOf('projects', 'users', 'tasks'),
    });
    expect(timeline(output, 'projects')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:system_error']);
    expect(timeline(output, 'users')).toEqual(['STARTED', 'INCOMPLETE']);
    const errors = errorsOf(output);
    expect(errors.map((e) => e.failure_type)).toEqual(['system_error', 'config_error', 'config_error']);
    expect(errors[1]?.message).toMatch(/HTTP 401/);
    expect(errors[2]?.message).toBe(
      'During the sync, the following streams did not sync successfully: projects, users, tasks.',
    );
  });
});
