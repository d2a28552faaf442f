export { chooseCredential, missingCredentialMessage, type MetabaseCredential, type UsernamePassword } from './choose-credential.js';
export { MetabaseConfigError } from './config-error.js';
export {
  metabaseConfigSchema,
  metabaseConnectionSpecification,
  type MetabaseConfig,
  type MetabaseConfigInput,
} from './config.js';
export { httpsRequiredMessage, httpsUrlPattern, normalizeInstanceUrl } from './normalize-instance-url.js';
export { streamSchemaBuilders, streamSchemas, type JsonSchema, type JsonType, type StreamName } from './schemas/index.js';
export { streamCatalog, type StreamCatalogEntry } from './stream-catalog.js';
