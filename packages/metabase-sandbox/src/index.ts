// Public API of @mb-airbyte/metabase-sandbox.
export { startSandbox, startSandbox as start } from './start-sandbox.js';
export { createUntrustedCa, sandboxCerts, untrustedCaFile, type CertPair } from './certs.js';
export { EXPIRED_CERTIFICATE_VALIDITY, OTHER_HOST_NAMES } from './odd-certificate.js';
export { APP_DATABASES, METABASE_VERSIONS } from './data/versions.js';
export { expectedStreams, type ExpectedStreamsOptions } from './expected-streams.js';
export { PRECISION_PROBE } from './server/precision-probe.js';
export type {
  AppDatabase,
  MetabaseVersion,
  ExpectedData,
  FaultProfile,
  JsonRecord,
  Sandbox,
  SandboxCredentials,
  SandboxLogin,
  SandboxMutations,
  SandboxOptions,
  SandboxShape,
  SandboxStats,
} from './types.js';
