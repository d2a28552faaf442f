// What the incremental tests ask of a discovered catalog: the streams with an updated_at cursor read incrementally.
import type { ConfiguredAirbyteStream } from '@mb-airbyte/airbyte-protocol';
import { streamCatalog } from '@mb-airbyte/source-metabase';

/** The streams that support incremental sync, by updated_at (source-metabase's tests pin the list). */
export const incrementalStreams: readonly string[] = Object.entries(streamCatalog)
  .filter(([, entry]) => entry.cursorField === 'updated_at')
  .map(([name]) => name);

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
