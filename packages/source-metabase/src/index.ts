// Public API of @mb-airbyte/source-metabase: the source a CLI runs, its config, and its streams' descriptions.
export { createMetabaseSource, metabaseSource, type MetabaseSourceOptions } from './metabase-source.js';
export {
  metabaseConfigSchema,
  metabaseConnectionSpecification,
  type MetabaseConfig,
  type MetabaseConfigInput,
} from './config.js';
export { metabaseStreamDescriptions, type StreamName } from './streams/index.js';
export type {
  MetabaseStream,
  MetabaseStreamDescription,
  MetabaseStreamOptions,
  StreamAccess,
} from './streams/metabase-stream.js';
export { streamCatalog, streamSchemaBuilders, streamSchemas, type StreamCatalogEntry } from './stream-catalog.js';
export type { JsonSchema, JsonType } from './schemas/json-schema.js';
export { sourceVersion } from './version.js';
