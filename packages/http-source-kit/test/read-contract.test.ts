// The platform's contract for read and check: statuses, states, failure types, exit codes, catalog and state errors.
import { afterEach, describe, expect, it } from 'vitest';
import { defineSource, defineStream } from '../src/index.js';
import { checkSource, discoverSource, readSource, runSourceInMemory } from '../src/testing/index.js';
import { errorsOf, recordsOf, timeline } from './support/output-timeline.js';
import { startToyApi, TOY_TOKEN, toyUsers, type ToyApi } from './support/toy-api.js';
import { toyConfigSchema, toySource } from './support/toy-source.js';

let api: ToyApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const configFor = (toy: ToyApi) => ({ base_url: toy.baseUrl, api_token: TOY_TOKEN });
const catalogEntry = (name: string, syncMode: 'full_refresh' | 'incremental' = 'full_refresh') => ({
  stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh' as const] },
  sync_mode: syncMode,
  destination_sync_mode: 'append' as const,
});

describe('read contract', () => {
  it('reports a failing stream (INCOMPLETE + ERROR trace), reads the others, then exits 1 naming it', async () => {
    api = await startToyApi({ status: { users: 503 } });
    const output = await readSource(toySource, { config: configFor(api) });
    expect(output.exitCode).toBe(1);
    expect(timeline(output, 'users')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:transient_error']);
    expect(timeline(output, 'projects')).toEqual(['STARTED', 'RUNNING', 'R5', 'S5', 'COMPLETE']);
    expect(timeline(output, 'tasks')).toEqual(['STARTED', 'RUNNING', 'R35', 'S35', 'COMPLETE']);
    const last = errorsOf(output).at(-1);
    expect(last).toMatchObject({
      failure_type: 'transient_error',
      message: 'During the sync, the following streams did not sync successfully: users.',
    });
    expect(last?.stream_descriptor).toBeUndefined();
    expect(errorsOf(output)[0]?.message).toMatch(/HTTP 503.*gave up after 6 attempts/);
  });

  it('blames the user (config_error) when a parent stream is forbidden, and its children fail with it', async () => {
    api = await startToyApi({ status: { projects: 403 } });
    const output = await readSource(toySource, { config: configFor(api) });
    expect(output.exitCode).toBe(1);
    expect(timeline(output, 'projects')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:config_error']);
    expect(timeline(output, 'tasks')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:config_error']);
    expect(errorsOf(output).at(-1)).toMatchObject({
      failure_type: 'config_error',
      message: expect.stringContaining('projects, tasks') as string,
    });
    expect(recordsOf(output, 'users')).toHaveLength(25);
  });

  it('rejects unknown streams and unsupported sync modes as config errors, still reading the rest', async () => {
    api = await startToyApi();
    const catalog = {
      streams: [catalogEntry('nope'), catalogEntry('users', 'incremental'), catalogEntry('projects', 'incremental')],
    };
    const output = await readSource(toySource, { config: configFor(api), catalog });
    expect(output.exitCode).toBe(1);
    expect(timeline(output, 'nope')).toEqual(['INCOMPLETE', 'ERROR:config_error']);
    expect(errorsOf(output)[0]?.message).toBe(
      'The catalog asks for stream "nope", which this source does not have (it has: users, projects, tasks).',
    );
    expect(timeline(output, 'users')).toEqual(['INCOMPLETE', 'ERROR:config_error']);
    expect(timeline(output, 'projects')).toEqual(['STARTED', 'RUNNING', 'R5', 'S5', 'COMPLETE']);
    expect(output.records.every((r) => r.stream === 'projects')).toBe(true);
    // Problems in the user's catalog: no stack trace, which would only point at the catalog check.
    expect(
      errorsOf(output)
        .slice(0, 2)
        .map((error) => error.stack_trace),
    ).toEqual([undefined, undefined]);
    const notACatalog = await readSource(toySource, { config: configFor(api), catalog: { streams: 'users' } as never }); // not a catalog, on purpose
    expect(errorsOf(notACatalog)).toEqual([
      expect.objectContaining({
        failure_type: 'config_error',
        message: expect.stringMatching(/^The configured catalog is not valid/) as string,
      }),
    ]);
    expect(errorsOf(notACatalog)[0]?.stack_trace).toBeUndefined();
  });

  it('emits STARTED, RUNNING, a state and COMPLETE for an empty stream', async () => {
    const source = defineSource({
      name: 'source-empty',
      version: '0.0.1',
      config: toyConfigSchema,
      http: (config) => ({ baseUrl: config.base_url }),
      streams: () => [
        defineStream({
          name: 'nothing',
          jsonSchema: { type: 'object', properties: {} },
          async *read() {
            // an empty stream: the escape hatch yields nothing
          },
        }),
      ],
    });
    const output = await readSource(source, { config: { base_url: 'https://unused.invalid/', api_token: 'x' } });
    expect(output.exitCode).toBe(0);
    expect(timeline(output, 'nothing')).toEqual(['STARTED', 'RUNNING', 'S0', 'COMPLETE']);
    expect(output.states[0]?.stream?.stream_state).toEqual({ __ab_no_cursor_state_message: true });
  });

  it('validates the config at discover and read (config_error trace, exit 1, field-level message)', async () => {
    for (const run of [
      () => discoverSource(toySource, { base_url: 7 }),
      () => readSource(toySource, { config: { base_url: 7 }, catalog: { streams: [] } }),
    ]) {
      const output = await run();
      expect(output.exitCode).toBe(1);
      expect(errorsOf(output)).toEqual([
        expect.objectContaining({
          failure_type: 'config_error',
          message:
            'The configuration is not valid: $.base_url: expected string, received number; $.api_token: is required (expected string)',
        }),
      ]);
      expect(errorsOf(output)[0]?.stack_trace).toBeUndefined();
    }
  });

  it('rejects a saved state it does not understand: per stream, or for the whole read', async () => {
    api = await startToyApi();
    const odd = [{ type: 'STREAM', stream: { stream_descriptor: { name: 'projects' }, stream_state: { since: 3 } } }];
    const output = await readSource(toySource, {
      config: configFor(api),
      streams: ['projects', 'users'],
      syncMode: 'incremental',
      state: odd,
    });
    expect(timeline(output, 'projects')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:config_error']);
    expect(errorsOf(output)[0]?.message).toMatch(
      /saved state of stream "projects" is not understood \(expected \{"updated_at": "<date-time>"\}, found keys since\)/,
    );
    expect(errorsOf(output)[0]?.stack_trace).toBeUndefined();
    expect(recordsOf(output, 'users')).toEqual(toyUsers);
    const garbage = await readSource(toySource, { config: configFor(api), state: [42] });
    expect(garbage.exitCode).toBe(1);
    expect(garbage.records).toEqual([]);
    expect(errorsOf(garbage)).toEqual([
      expect.objectContaining({
        failure_type: 'config_error',
        message: expect.stringMatching(/^The saved state is not understood: entry 0/) as string,
      }),
    ]);
    expect(errorsOf(garbage)[0]?.stack_trace).toBeUndefined();
  });

  it('accepts STREAM, GLOBAL and LEGACY state inputs', async () => {
    api = await startToyApi();
    const cursor = { updated_at: '2024-01-04T00:00:00Z' };
    const inputs = [
      [{ type: 'STREAM', stream: { stream_descriptor: { name: 'projects' }, stream_state: cursor } }],
      [
        {
          type: 'GLOBAL',
          global: {
            shared_state: {},
            stream_states: [{ stream_descriptor: { name: 'projects' }, stream_state: cursor }],
          },
        },
      ],
      [{ type: 'LEGACY', data: { projects: cursor } }],
      { projects: cursor },
    ];
    for (const state of inputs) {
      const output = await readSource(toySource, {
        config: configFor(api),
        streams: ['projects'],
        syncMode: 'incremental',
        state,
      });
      expect(recordsOf(output, 'projects').map((p) => p.id)).toEqual([103, 104]);
    }
  });

  it('turns an unexpected exception into a system_error with a generic message and the details inside', async () => {
    const source = defineSource({
      ...toySource,
      streams: () => [
        defineStream({
          name: 'broken',
          jsonSchema: { type: 'object', properties: {} },
          read: async function* () {
            await Promise.resolve();
            yield { a: 1 };
            throw new TypeError('boom in the connector');
          },
        }),
      ],
    });
    const output = await readSource(source, { config: { base_url: 'https://unused.invalid/', api_token: 'x' } });
    expect(timeline(output, 'broken')).toEqual(['STARTED', 'RUNNING', 'R1', 'INCOMPLETE', 'ERROR:system_error']);
    const error = errorsOf(output)[0];
    expect(error?.message).toBe('Something went wrong in the connector. See the logs for more details.');
    expect(error?.internal_message).toBe('TypeError: boom in the connector');
    expect(error?.stack_trace).toMatch(/Caused by: TypeError: boom in the connector\n\s+at /);
    expect(output.exitCode).toBe(1);
  });
});

describe('a cancelled read (its signal aborted)', () => {
  it('starts no further stream', async () => {
    const cancel = new AbortController();
    const started: string[] = [];
    const streamNamed = (name: string, body: () => Promise<void>) =>
      defineStream({
        name,
        jsonSchema: { type: 'object', properties: {} },
        read: async function* () {
          started.push(name);
          await body();
          yield { name };
        },
      });
    const source = defineSource({
      ...toySource,
      streams: () => [
        streamNamed('first', () => {
          cancel.abort(new Error('cancelled'));
          return Promise.reject(new Error('cancelled'));
        }),
        streamNamed('second', () => Promise.resolve()),
      ],
    });
    const catalog = { streams: [catalogEntry('first'), catalogEntry('second')] };
    const output = await runSourceInMemory(source, {
      command: 'read',
      config: { base_url: 'https://unused.invalid/', api_token: 'x' },
      catalog,
      signal: cancel.signal,
    });
    expect(started).toEqual(['first']);
    expect(timeline(output, 'first')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:system_error']);
    expect(timeline(output, 'second')).toEqual([]);
  });
});

describe('check contract', () => {
  it('an unexpected failure is an ERROR trace and exit 1, without a connection status', async () => {
    api = await startToyApi({ status: { users: 404 } });
    const output = await checkSource(toySource, configFor(api));
    expect(output.exitCode).toBe(1);
    expect(output.connectionStatus).toBeUndefined();
    expect(errorsOf(output)).toEqual([expect.objectContaining({ failure_type: 'system_error' })]);
  });

  it('a server that cannot be reached is the user’s to fix: FAILED, exit 0', async () => {
    api = await startToyApi();
    const baseUrl = api.baseUrl;
    await api.close();
    api = undefined;
    const output = await checkSource(toySource, { base_url: baseUrl, api_token: TOY_TOKEN });
    expect(output.exitCode).toBe(0);
    expect(output.connectionStatus?.status).toBe('FAILED');
    expect(output.connectionStatus?.message).toMatch(/ECONNREFUSED|connect/i);
  });
});
