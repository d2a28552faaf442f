// What the incremental tests ask of a discovered catalog: the streams with an updated_at cursor read incrementally.
import type { ConfiguredAirbyteStream } from '@mb-airbyte/airbyte-protocol';

/** The streams that support incremental sync, by updated_at. */
export const incrementalStreams: readonly string[] = [
  'cards',
  'dashboards',
  'databases',
  'native_query_snippets',
  'tables',
  'segments',
  'alerts',
];

/** `stream` configured for an incremental read when it supports one (append_dedup on id), as it is otherwise. */
export function incrementalWhereSupported(stream: ConfiguredAirbyteStream): ConfiguredAirbyteStream {
  return incrementalStreams.includes(stream.stream.name)
    ? {
        ...stream,
        sync_mode: 'incremental',
        destination_sync_mode: 'append_dedup',
        cursor_field: ['updated_at'],
        primary_key: [['id']],
      }
    : stream;
}
