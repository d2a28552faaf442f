import type { AirbyteCatalog, ConfiguredAirbyteCatalog } from '@mb-airbyte/airbyte-protocol';

/** Every discovered stream in full refresh (overwrite): what `read` uses without --catalog. */
export function fullRefreshCatalog(catalog: AirbyteCatalog): ConfiguredAirbyteCatalog {
  return {
    streams: catalog.streams.map((stream) => ({
      stream,
      sync_mode: 'full_refresh' as const,
      destination_sync_mode: 'overwrite' as const,
      ...(stream.source_defined_primary_key === undefined ? {} : { primary_key: stream.source_defined_primary_key }),
    })),
  };
}
