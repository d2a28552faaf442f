import { describe, expect, test } from 'vitest';
import { AirbyteMessageSchema, ConfiguredAirbyteCatalogSchema, type ConfiguredAirbyteCatalog } from '../src/index.js';
import { createProtocolValidator } from './protocol-json-schema.js';
import { sampleMessages } from './sample-messages.js';

const validateAgainstYaml = createProtocolValidator();

describe('every message shape is valid for zod and for the protocol YAML (ajv draft-07)', () => {
  test.each(Object.entries(sampleMessages))('%s', (_name, message) => {
    const wire: unknown = JSON.parse(JSON.stringify(message));
    expect(validateAgainstYaml('AirbyteMessage', wire)).toEqual([]);
    const parsed = AirbyteMessageSchema.safeParse(wire);
    expect(parsed.error?.issues).toBeUndefined();
    // Unknown keys pass through untouched.
    expect(parsed.data).toEqual(wire);
  });
});

describe('both validators reject the same broken messages', () => {
  const broken: Record<string, unknown> = {
    'upper-case sync mode': {
      type: 'CATALOG',
      catalog: { streams: [{ name: 's', json_schema: {}, supported_sync_modes: ['FULL_REFRESH'] }] },
    },
    'empty supported_sync_modes': {
      type: 'CATALOG',
      catalog: { streams: [{ name: 's', json_schema: {}, supported_sync_modes: [] }] },
    },
    'fractional RECORD emitted_at': { type: 'RECORD', record: { stream: 's', data: {}, emitted_at: 1.5 } },
    'RECORD data not an object': { type: 'RECORD', record: { stream: 's', data: 'x', emitted_at: 1 } },
    'unknown failure_type': {
      type: 'TRACE',
      trace: { type: 'ERROR', emitted_at: 1, error: { message: 'm', failure_type: 'oops' } },
    },
    'unknown stream status': {
      type: 'TRACE',
      trace: {
        type: 'STREAM_STATUS',
        emitted_at: 1,
        stream_status: { stream_descriptor: { name: 's' }, status: 'DONE' },
      },
    },
    'log without level': { type: 'LOG', log: { message: 'm' } },
    'unknown connection status': { type: 'CONNECTION_STATUS', connectionStatus: { status: 'OK' } },
    'unknown message type': { type: 'HELLO' },
    'stream state without descriptor': { type: 'STATE', state: { type: 'STREAM', stream: { stream_state: {} } } },
  };
  test.each(Object.entries(broken))('%s', (_name, value) => {
    expect(validateAgainstYaml('AirbyteMessage', value)).not.toEqual([]);
    expect(AirbyteMessageSchema.safeParse(value).success).toBe(false);
  });

  test('zod is stricter than the YAML only where documented: the payload named by type must be present', () => {
    const bare = { type: 'RECORD' };
    expect(validateAgainstYaml('AirbyteMessage', bare)).toEqual([]);
    expect(AirbyteMessageSchema.safeParse(bare).success).toBe(false);
  });
});

describe('ConfiguredAirbyteCatalog', () => {
  const catalog: ConfiguredAirbyteCatalog = {
    streams: [
      {
        stream: {
          name: 'users',
          json_schema: { type: 'object' },
          supported_sync_modes: ['incremental'],
          is_resumable: true,
        },
        sync_mode: 'incremental',
        cursor_field: ['updated_at'],
        destination_sync_mode: 'append_dedup',
        primary_key: [['id']],
        generation_id: 1,
        minimum_generation_id: 0,
        sync_id: 7,
      },
    ],
  };

  test('validates with both and keeps unknown keys', () => {
    const withExtra = { ...catalog, extra: 1 };
    expect(validateAgainstYaml('ConfiguredAirbyteCatalog', withExtra)).toEqual([]);
    expect(ConfiguredAirbyteCatalogSchema.parse(withExtra)).toEqual(withExtra);
  });

  test('destination_sync_mode defaults to append (a source ignores it)', () => {
    const parsed = ConfiguredAirbyteCatalogSchema.parse({
      streams: [
        { stream: { name: 's', json_schema: {}, supported_sync_modes: ['full_refresh'] }, sync_mode: 'full_refresh' },
      ],
    });
    expect(parsed.streams[0]?.destination_sync_mode).toBe('append');
  });
});
