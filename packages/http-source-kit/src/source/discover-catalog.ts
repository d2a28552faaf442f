import type { AirbyteCatalog, AirbyteStream } from '@mb-airbyte/airbyte-protocol';
import type { StreamDefinition } from '../streams/index.js';

/** The CATALOG: streams with a cursor field support incremental, with a source-defined cursor. */
export function discoverCatalog<Config>(streams: readonly StreamDefinition<Config>[]): AirbyteCatalog {
  return {
    streams: streams.map((stream): AirbyteStream => {
      const entry: AirbyteStream = {
        name: stream.name,
        json_schema: stream.jsonSchema,
        supported_sync_modes: stream.cursorField === undefined ? ['full_refresh'] : ['full_refresh', 'incremental'],
        is_resumable: stream.cursorField !== undefined,
      };
      if (stream.cursorField !== undefined) {
        entry.source_defined_cursor = true;
        entry.default_cursor_field = [stream.cursorField];
      }
      if (stream.primaryKey !== undefined) entry.source_defined_primary_key = stream.primaryKey.map((key) => [...key]);
      return entry;
    }),
  };
}
