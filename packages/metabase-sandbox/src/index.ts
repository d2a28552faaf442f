// Public API of @mb-airbyte/metabase-sandbox.
export { startSandbox, startSandbox as start } from './start-sandbox.js';
export { createUntrustedCa, sandboxCerts, untrustedCaFile, type CertPair } from './certs.js';
export type {
  ExpectedData, FaultProfile, JsonRecord, Sandbox, SandboxCredentials, SandboxLogin, SandboxMutations, SandboxOptions, SandboxShape, SandboxStats,
} from './types.js';
