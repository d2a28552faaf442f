// The generated SPEC (snapshot), `discover` without any network call, and the discovered catalog's own rules:
// every primary key and cursor exists in its stream's schema, and cursor streams offer incremental syncs.
import { createServer, type Server } from 'node:net';
import { discoverSource, specSource } from '@mb-airbyte/http-source-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metabaseConnectionSpecification, metabaseSource, streamCatalog, type StreamName } from '../src/index.js';
import { nodeAt, typesOf, type SchemaNode } from './support/schema-walk.js';

// A listener that counts connections: discover must open none.
let listener: Server;
let connections = 0;
let port = 0;
beforeAll(async () => {
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});
afterAll(async () => {
  await new Promise<void>((resolve) =>
    listener.close(() => {
      resolve();
    }),
  );
});

const config = () => ({
  instance_api_url: `https://127.0.0.1:${port}`,
  username: 'ada@example.com',
  password: 'pw',
  session_token: 'tok',
});

describe('spec', () => {
  it('matches the committed snapshot and the config schema it comes from', async () => {
    const output = await specSource(metabaseSource);
    expect(output.exitCode).toBe(0);
    expect(output.spec?.connectionSpecification).toEqual(metabaseConnectionSpecification());
    expect(output.spec?.documentationUrl).toBe('https://docs.airbyte.com/integrations/sources/metabase');
    await expect(`${JSON.stringify(output.spec, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/spec.json');
  });
});

describe('discover', () => {
  it('answers from the config alone: no connection, no login', async () => {
    const output = await discoverSource(metabaseSource, config());
    expect(output.exitCode).toBe(0);
    expect(output.catalog?.streams.map((stream) => stream.name)).toEqual(Object.keys(streamCatalog));
    expect(connections).toBe(0);
  });

  it('still validates the config (a missing password is a config_error, before any network call)', async () => {
    const output = await discoverSource(metabaseSource, {
      instance_api_url: `https://127.0.0.1:${port}`,
      username: 'ada@example.com',
    });
    expect(output.exitCode).toBe(1);
    expect(output.catalog).toBeUndefined();
    const error = output.traces.find((trace) => trace.type === 'ERROR')?.error;
    expect(error?.failure_type).toBe('config_error');
    expect(error?.message).toContain('without a password');
    expect(error?.stack_trace).toBeUndefined(); // the user's input is at fault: a stack trace would be noise
    expect(connections).toBe(0);
  });
});

describe('the discovered catalog', async () => {
  const output = await discoverSource(metabaseSource, config());
  const streams = output.catalog?.streams ?? [];

  it.each(Object.keys(streamCatalog) as StreamName[])('%s: primary key and cursor exist in its schema', (name) => {
    const stream = streams.find((s) => s.name === name);
    const entry = streamCatalog[name];
    expect(stream?.source_defined_primary_key).toEqual(entry.primaryKey);
    const schema = (stream?.json_schema ?? {}) as SchemaNode;
    for (const key of entry.primaryKey) {
      const node = nodeAt(schema, key.join('.'));
      expect(node, key.join('.')).toBeDefined();
      expect(typesOf(node ?? {})?.has('object') ?? true).toBe(false);
    }
    if (entry.cursorField === undefined) {
      expect(stream?.supported_sync_modes).toEqual(['full_refresh']);
      return;
    }
    expect(stream?.supported_sync_modes).toEqual(['full_refresh', 'incremental']);
    expect(stream?.source_defined_cursor).toBe(true);
    expect(stream?.default_cursor_field).toEqual([entry.cursorField]);
    // A string without `format`: MySQL-backed Metabase sends timestamps without an offset (see the schema test).
    expect(typesOf(nodeAt(schema, entry.cursorField) ?? {})?.has('string')).toBe(true);
    expect(nodeAt(schema, entry.cursorField)?.format).toBeUndefined();
  });
});
