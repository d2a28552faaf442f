import { describe, expect, it, test } from 'vitest';
import { ConfiguredAirbyteCatalogSchema } from '../schemas/catalog.js';
import { AirbyteMessageSchema } from '../schemas/airbyte-message.js';
import { connectionStatusMessage } from './command-messages.js';
import { configuredCatalog } from './configured-catalog.js';
import { logMessage } from './log-message.js';
import { recordMessage } from './record-message.js';
import { globalStateMessage, streamStateMessage } from './state-messages.js';
import { errorTraceMessage, estimateTraceMessage, streamStatusMessage } from './trace-messages.js';

describe('message builders', () => {
  test('recordMessage gives an integer emitted_at, now by default', () => {
    const before = Date.now();
    const message = recordMessage('users', { id: 1 });
    expect(Number.isInteger(message.record.emitted_at)).toBe(true);
    expect(message.record.emitted_at).toBeGreaterThanOrEqual(before);
    expect(recordMessage('users', {}, { emittedAt: 10.9, namespace: 'n' }).record).toEqual({
      stream: 'users',
      namespace: 'n',
      data: {},
      emitted_at: 10,
    });
  });

  test('streamStateMessage is a STREAM state with sourceStats.recordCount', () => {
    expect(streamStateMessage({ name: 'users' }, { cursor: 'x' }, 3)).toEqual({
      type: 'STATE',
      state: {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'users' }, stream_state: { cursor: 'x' } },
        sourceStats: { recordCount: 3 },
      },
    });
    expect(streamStateMessage({ name: 'users' }, null, 0).state.stream).toEqual({
      stream_descriptor: { name: 'users' },
    });
  });

  test('globalStateMessage carries shared and per-stream state', () => {
    const message = globalStateMessage({ lsn: 1 }, [{ stream_descriptor: { name: 'a' } }], 2);
    expect(message.state).toEqual({
      type: 'GLOBAL',
      global: { shared_state: { lsn: 1 }, stream_states: [{ stream_descriptor: { name: 'a' } }] },
      sourceStats: { recordCount: 2 },
    });
  });

  test('errorTraceMessage maps camelCase input to the wire names and omits what is absent', () => {
    expect(errorTraceMessage({ message: 'm', failureType: 'config_error' }, 5)).toEqual({
      type: 'TRACE',
      trace: { type: 'ERROR', emitted_at: 5, error: { message: 'm', failure_type: 'config_error' } },
    });
    const full = errorTraceMessage(
      { message: 'm', internalMessage: 'i', stackTrace: 's', failureType: 'transient_error', stream: { name: 'x' } },
      5,
    );
    expect(full.trace).toMatchObject({
      error: {
        internal_message: 'i',
        stack_trace: 's',
        failure_type: 'transient_error',
        stream_descriptor: { name: 'x' },
      },
    });
  });

  test('streamStatusMessage and estimateTraceMessage', () => {
    expect(streamStatusMessage({ name: 'x' }, 'COMPLETE', undefined, 7).trace).toEqual({
      type: 'STREAM_STATUS',
      emitted_at: 7,
      stream_status: { stream_descriptor: { name: 'x' }, status: 'COMPLETE' },
    });
    expect(estimateTraceMessage({ name: 'x' }, { rowEstimate: 2.5 }, 7).trace).toEqual({
      type: 'ESTIMATE',
      emitted_at: 7,
      estimate: { name: 'x', type: 'STREAM', row_estimate: 2 },
    });
  });

  test('every builder output parses with AirbyteMessageSchema', () => {
    for (const message of [logMessage('WARN', 'w'), connectionStatusMessage('FAILED', 'no'), recordMessage('s', {})]) {
      expect(AirbyteMessageSchema.parse(message)).toEqual(message);
    }
  });
});

describe('configuredCatalog', () => {
  const catalog = {
    streams: [
      {
        name: 'cards',
        json_schema: {},
        supported_sync_modes: ['full_refresh' as const, 'incremental' as const],
        source_defined_primary_key: [['id']],
      },
      { name: 'users', json_schema: {}, supported_sync_modes: ['full_refresh' as const] },
    ],
  };

  it('selects every stream in full refresh (overwrite), keeping source-defined primary keys', () => {
    expect(
      configuredCatalog(catalog).streams.map(({ stream, sync_mode, destination_sync_mode, primary_key }) => [
        stream.name,
        sync_mode,
        destination_sync_mode,
        primary_key,
      ]),
    ).toEqual([
      ['cards', 'full_refresh', 'overwrite', [['id']]],
      ['users', 'full_refresh', 'overwrite', undefined],
    ]);
  });

  it('reads incrementally (append) only where supported, and lets a named stream choose its mode', () => {
    const modes = (options: Parameters<typeof configuredCatalog>[1]) =>
      configuredCatalog(catalog, options).streams.map(
        (s) => `${s.stream.name}:${s.sync_mode}:${s.destination_sync_mode}`,
      );
    expect(modes({ syncMode: 'incremental' })).toEqual(['cards:incremental:append', 'users:full_refresh:overwrite']);
    expect(modes({ streams: ['users', { name: 'cards', syncMode: 'incremental' }] })).toEqual([
      'users:full_refresh:overwrite',
      'cards:incremental:append',
    ]);
    expect(modes({ streams: ['missing'] })).toEqual(['missing:full_refresh:overwrite']);
    expect(ConfiguredAirbyteCatalogSchema.safeParse(configuredCatalog(catalog, { streams: ['missing'] })).success).toBe(
      true,
    );
  });
});
