// One instance of every message shape, built with the package's builders where one exists.
import {
  analyticsTraceMessage,
  catalogMessage,
  connectionStatusMessage,
  connectorConfigControlMessage,
  errorTraceMessage,
  estimateTraceMessage,
  globalStateMessage,
  logMessage,
  recordMessage,
  specMessage,
  streamStateMessage,
  streamStatusMessage,
  type AirbyteMessage,
} from '../src/index.js';

const users = { name: 'users' };
const t = 1_700_000_000_000;

export const sampleMessages: Record<string, AirbyteMessage> = {
  record: recordMessage('users', { id: 1, email: 'a@example.com', nested: { x: [1, 2] } }, { emittedAt: t }),
  recordWithNamespace: recordMessage('users', { id: 2 }, { namespace: 'public', emittedAt: t + 0.7 }),
  recordWithMeta: {
    type: 'RECORD',
    record: {
      stream: 'users',
      data: { id: 3, bio: null },
      emitted_at: t,
      meta: { changes: [{ field: 'bio', change: 'NULLED', reason: 'SOURCE_FIELD_SIZE_LIMITATION' }] },
      file_reference: { staging_file_url: '/tmp/x', source_file_relative_path: 'x', file_size_bytes: 10 },
    },
  },
  streamState: streamStateMessage(users, { updated_at: '2024-01-01T00:00:00Z' }, 42),
  streamStateNull: streamStateMessage({ name: 'users', namespace: 'public' }, null, 0),
  globalState: globalStateMessage({ lsn: 5 }, [{ stream_descriptor: users, stream_state: { c: 1 } }], 3),
  legacyState: { type: 'STATE', state: { type: 'LEGACY', data: { users: { c: 1 } } } },
  log: logMessage('INFO', 'hello'),
  logWithStack: logMessage('ERROR', 'boom', 'Error: boom\n    at x'),
  spec: specMessage({
    documentationUrl: 'https://docs.airbyte.com/integrations/sources/metabase',
    connectionSpecification: { type: 'object', properties: { instance_api_url: { type: 'string' } } },
    supportsIncremental: false,
    protocol_version: '0.2.0',
    advanced_auth: { auth_flow_type: 'oauth2.0', predicate_key: ['a'], predicate_value: 'b' },
  }),
  connectionSucceeded: connectionStatusMessage('SUCCEEDED'),
  connectionFailed: connectionStatusMessage('FAILED', 'bad credentials'),
  catalog: catalogMessage({
    streams: [
      {
        name: 'users',
        json_schema: { type: 'object', properties: { id: { type: 'integer' } } },
        supported_sync_modes: ['full_refresh', 'incremental'],
        source_defined_cursor: true,
        default_cursor_field: ['updated_at'],
        source_defined_primary_key: [['id']],
        is_resumable: true,
      },
    ],
  }),
  errorTrace: errorTraceMessage(
    {
      message: 'Stream failed',
      internalMessage: 'HTTP 500',
      stackTrace: 'Error',
      failureType: 'transient_error',
      stream: users,
    },
    t + 0.5,
  ),
  errorTraceConfig: errorTraceMessage({ message: 'Bad config', failureType: 'config_error' }),
  errorTraceSystem: errorTraceMessage({ message: 'Oops', failureType: 'system_error' }),
  estimateTrace: estimateTraceMessage({ name: 'users', namespace: 'public' }, { rowEstimate: 10, byteEstimate: 2048 }),
  statusStarted: streamStatusMessage(users, 'STARTED'),
  statusRunning: streamStatusMessage(users, 'RUNNING', [{ type: 'RATE_LIMITED', rate_limited: { quota_reset: t } }]),
  statusComplete: streamStatusMessage(users, 'COMPLETE'),
  statusIncomplete: streamStatusMessage(users, 'INCOMPLETE'),
  analyticsTrace: analyticsTraceMessage('metabase-api-version', 'v0.50'),
  control: connectorConfigControlMessage({ session_token: 'new' }, t),
  destinationCatalog: {
    type: 'DESTINATION_CATALOG',
    destination_catalog: {
      operations: [{ object_name: 'users', sync_mode: 'append_dedup', json_schema: {}, matching_keys: [['id']] }],
    },
  },
  withUnknownKeys: { type: 'LOG', log: { level: 'DEBUG', message: 'x', extra: true }, future_field: 1 },
};
