export { chooseCredential, missingCredentialMessage, type MetabaseCredential, type UsernamePassword } from './choose-credential.js';
export { MetabaseConfigError } from './config-error.js';
export {
  metabaseConfigSchema,
  metabaseConnectionSpecification,
  type MetabaseConfig,
  type MetabaseConfigInput,
} from './config.js';
export { metabaseSourceConfigSchema } from './source-config.js';
export { httpsRequiredMessage, httpsUrlPattern, normalizeInstanceUrl } from './normalize-instance-url.js';
export type { JsonSchema, JsonType } from './schemas/json-schema.js';
export { streamCatalog, streamSchemaBuilders, streamSchemas, type StreamCatalogEntry } from './stream-catalog.js';
export { createMetabaseAuth, type MetabaseAuth } from './auth/metabase-auth.js';
export { expiredTokenMessage } from './auth/session-messages.js';
export { metabaseStreamDescriptions, metabaseStreams, type StreamName } from './streams/index.js';
export {
  metabaseStateVersion,
  type MetabaseStream,
  type MetabaseStreamDescription,
  type MetabaseStreamOptions,
} from './streams/metabase-stream.js';
export { createMetabaseSource, metabaseSource, type MetabaseSourceOptions } from './metabase-source.js';
export { sourceVersion } from './version.js';
