// Incremental state over HTTPS: state_version written and checked, and the saved cursor capped at the server's
// clock (its Date header) when the stream started, so edits made while a read runs are read again next time.
import { afterEach, describe, expect, it } from 'vitest';
import { defineSource, defineStream, type JsonRecord } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { sendJson, startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';
import { errorsOf, recordsOf } from './support/output-timeline.js';
import { toyConfigSchema } from './support/toy-source.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The server's clock says 2025-01-01T00:00:00Z; `rows` are served as a bare array. */
const SERVER_NOW = 'Wed, 01 Jan 2025 00:00:00 GMT';
async function serve(rows: JsonRecord[]): Promise<string> {
  server = await startTestServer('trusted', (_req, res) => {
    sendJson(res, 200, rows, { date: SERVER_NOW });
  });
  return server.url;
}

const source = defineSource({
  name: 'source-items',
  version: '1.0.0',
  config: toyConfigSchema,
  http: (config) => ({ baseUrl: config.base_url, caCertPem: testCaPem }),
  streams: () => [
    defineStream({
      name: 'items',
      cursorField: 'updated_at',
      stateVersion: 1,
      // The later of updated_at and edited_at: an edit that left updated_at alone still counts.
      cursorValue: (item) =>
        [item.updated_at, item.edited_at]
          .filter((v): v is string => typeof v === 'string')
          .sort()
          .at(-1),
      jsonSchema: {
        type: 'object',
        properties: { id: { type: 'integer' }, updated_at: { type: 'string', format: 'date-time' } },
      },
      request: { path: 'items' },
    }),
  ],
});
const stateOf = (value: unknown) => [
  { type: 'STREAM', stream: { stream_descriptor: { name: 'items' }, stream_state: value } },
];

describe('incremental state', () => {
  it('caps the saved cursor at the server time when the stream started (minus 1 s), so later edits are read again', async () => {
    const rows = [
      { id: 1, updated_at: '2024-12-01T00:00:00Z' },
      { id: 2, updated_at: '2025-01-01T00:00:05Z' }, // edited after the stream started, by the server's clock
      { id: 3, updated_at: '2024-12-31T23:59:59.500Z' },
    ];
    const config = { base_url: await serve(rows), api_token: 'token-4f7e' };
    const first = await readSource(source, { config, syncMode: 'incremental' });
    const saved = first.states.at(-1)?.stream?.stream_state as { updated_at: string; state_version: number };
    expect(saved.state_version).toBe(1);
    const ceiling = Date.parse(saved.updated_at);
    // The server's time at the start is at most its Date header; the read takes a few ms, never 9 s.
    expect(ceiling).toBeLessThanOrEqual(Date.parse('2024-12-31T23:59:59.000Z'));
    expect(ceiling).toBeGreaterThan(Date.parse('2024-12-31T23:59:50.000Z'));
    const second = await readSource(source, { config, syncMode: 'incremental', state: first.states });
    expect(recordsOf(second, 'items').map((r) => r.id)).toEqual([2, 3]);
  });

  it('filters by the stream-defined cursor value, and refuses a state of another version', async () => {
    const rows = [
      { id: 1, updated_at: '2024-01-01T00:00:00Z', edited_at: '2024-03-01T00:00:00Z' },
      { id: 2, updated_at: '2024-01-01T00:00:00Z' },
    ];
    const config = { base_url: await serve(rows), api_token: 'token-4f7e' };
    const output = await readSource(source, {
      config,
      syncMode: 'incremental',
      state: stateOf({ updated_at: '2024-02-01T00:00:00Z' }),
    });
    expect(recordsOf(output, 'items').map((r) => r.id)).toEqual([1]);
    expect(output.states.at(-1)?.stream?.stream_state).toEqual({
      updated_at: '2024-03-01T00:00:00Z',
      state_version: 1,
    });
    const newer = await readSource(source, {
      config,
      syncMode: 'incremental',
      state: stateOf({ updated_at: '2024-02-01T00:00:00Z', state_version: 2 }),
    });
    expect(newer.exitCode).toBe(1);
    expect(newer.records).toEqual([]);
    expect(errorsOf(newer)[0]).toMatchObject({ failure_type: 'config_error', stream_descriptor: { name: 'items' } });
    expect(errorsOf(newer)[0]?.message).toContain(
      'expected {"updated_at": "<date-time>", "state_version": 1}, found state_version 2',
    );
  });
});
