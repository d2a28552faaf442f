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
export { streamSchemaBuilders, streamSchemas, type JsonSchema, type JsonType, type StreamName } from './schemas/index.js';
export { streamCatalog, type StreamCatalogEntry } from './stream-catalog.js';
export { createMetabaseAuth, type MetabaseAuth } from './auth/metabase-auth.js';
export { expiredTokenMessage } from './auth/session-messages.js';
export { metabaseStreams, type MetabaseStream, type MetabaseStreamOptions } from './streams/index.js';
export { metabaseStateVersion } from './streams/metabase-stream.js';
export { createMetabaseSource, metabaseSource, type MetabaseSourceOptions } from './metabase-source.js';
export { sourceVersion } from './version.js';
