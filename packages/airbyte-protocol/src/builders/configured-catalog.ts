import type {
  AirbyteCatalog,
  AirbyteStream,
  ConfiguredAirbyteCatalog,
  ConfiguredAirbyteStream,
  SyncMode,
} from '../schemas/catalog.js';

export interface ConfiguredCatalogOptions {
  /** The streams to read, by name, each optionally with its sync mode (default: every stream of the catalog). */
  streams?: readonly (string | { name: string; syncMode?: SyncMode })[];
  /** The sync mode of streams that do not say: incremental only where the stream supports it (default full_refresh). */
  syncMode?: SyncMode;
}

/**
 * A configured catalog from a discovered one, as a destination would ask for it: full refresh streams overwrite,
 * incremental ones append, and each stream keeps its source-defined primary key. A name the catalog lacks gets a
 * bare stream entry, so a test can ask a source for a stream it does not have.
 */
export function configuredCatalog(
  catalog: AirbyteCatalog,
  options: ConfiguredCatalogOptions = {},
): ConfiguredAirbyteCatalog {
  const wanted = (options.streams ?? catalog.streams.map((stream) => stream.name)).map((s) =>
    typeof s === 'string' ? { name: s } : s,
  );
  return {
    streams: wanted.map(({ name, syncMode }): ConfiguredAirbyteStream => {
      const stream: AirbyteStream = catalog.streams.find((s) => s.name === name) ?? {
        name,
        json_schema: {},
        supported_sync_modes: ['full_refresh'],
      };
      const mode =
        syncMode ??
        (options.syncMode === 'incremental' && stream.supported_sync_modes.includes('incremental')
          ? 'incremental'
          : 'full_refresh');
      return {
        stream,
        sync_mode: mode,
        destination_sync_mode: mode === 'incremental' ? 'append' : 'overwrite',
        ...(stream.source_defined_primary_key === undefined ? {} : { primary_key: stream.source_defined_primary_key }),
      };
    }),
  };
}
