// The toy source end to end over loopback HTTPS: a connector that is nothing but stream descriptions.
import { afterEach, describe, expect, it } from 'vitest';
import { checkSource, discoverSource, readSource, specSource } from '../src/testing/index.js';
import { recordsOf, timeline } from './support/output-timeline.js';
import { startToyApi, TOY_TOKEN, toyProjects, toyTasks, toyUsers, type ToyApi } from './support/toy-api.js';
import { toySource } from './support/toy-source.js';

let api: ToyApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const configFor = (toy: ToyApi) => ({ base_url: toy.baseUrl, api_token: TOY_TOKEN });

describe('toy source (stream descriptions only)', () => {
  it('spec comes from the zod schema with secrets, order and titles', async () => {
    const output = await specSource(toySource);
    expect(output.exitCode).toBe(0);
    expect(output.spec?.connectionSpecification).toMatchObject({
      type: 'object',
      required: ['base_url', 'api_token'],
      properties: {
        api_token: { type: 'string', airbyte_secret: true, order: 1, title: 'API token' },
        page_size: { type: 'integer', default: 10 },
      },
    });
    expect(output.spec?.documentationUrl).toBe('https://example.com/toy');
  });

  it('discover lists streams with keys, cursors and sync modes', async () => {
    const output = await discoverSource(toySource, { base_url: 'https://unused.invalid/', api_token: 'x' });
    expect(
      output.catalog?.streams.map((s) => [
        s.name,
        s.supported_sync_modes,
        s.default_cursor_field,
        s.source_defined_primary_key,
      ]),
    ).toEqual([
      ['users', ['full_refresh'], undefined, [['id']]],
      ['projects', ['full_refresh', 'incremental'], ['updated_at'], [['id']]],
      ['tasks', ['full_refresh', 'incremental'], ['updated_at'], [['id']]],
    ]);
  });

  it('reads every stream: offset pages, a bare array, parent/child with cursor pages, in order', async () => {
    api = await startToyApi({ taskDelay: (id) => (id % 2 === 0 ? 15 : 0) });
    const output = await readSource(toySource, { config: configFor(api) });
    expect(output.exitCode).toBe(0);
    const records = (stream: string) => recordsOf(output, stream);
    expect(records('users')).toEqual(toyUsers);
    expect(records('projects')).toEqual(toyProjects);
    expect(records('tasks')).toEqual(
      toyProjects.flatMap((p) => toyTasks(p.id).map((t) => ({ ...t, project_id: p.id }))),
    );
    expect(timeline(output, 'users')).toEqual(['STARTED', 'RUNNING', 'R25', 'S25', 'COMPLETE']);
    expect(timeline(output, 'tasks')).toEqual(['STARTED', 'RUNNING', 'R35', 'S35', 'COMPLETE']);
    expect(output.states.map((s) => s.stream?.stream_state)).toEqual([
      { __ab_no_cursor_state_message: true },
      { __ab_no_cursor_state_message: true },
      { __ab_no_cursor_state_message: true },
    ]);
    expect(api.inFlight.max).toBeGreaterThan(1);
    expect(api.inFlight.max).toBeLessThanOrEqual(3);
    expect(output.traces.filter((t) => t.type === 'ERROR')).toEqual([]);
  });

  it('check succeeds with good credentials and fails actionably (exit 0) with bad ones', async () => {
    api = await startToyApi();
    const ok = await checkSource(toySource, configFor(api));
    expect(ok.connectionStatus?.status).toBe('SUCCEEDED');
    expect(ok.exitCode).toBe(0);
    const bad = await checkSource(toySource, { ...configFor(api), api_token: 'wrong-token' });
    expect(bad.exitCode).toBe(0);
    expect(bad.connectionStatus?.status).toBe('FAILED');
    expect(bad.connectionStatus?.message).toMatch(/HTTP 401.*Check the credentials/);
    const invalid = await checkSource(toySource, { base_url: api.baseUrl });
    expect(invalid.connectionStatus).toEqual({
      status: 'FAILED',
      message: 'The configuration is not valid: $.api_token: is required (expected string)',
    });
  });
});
