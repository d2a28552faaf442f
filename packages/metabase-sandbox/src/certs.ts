// The test certificates kept in the package (generated once with openssl, valid until 2046).
// `certs/` sits next to both `src/` and `dist/`, so the same relative path works from either.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const certDir = fileURLToPath(new URL('../certs/', import.meta.url));

export interface CertPair {
  caFile: string;
  caPem: string;
  cert: string;
  key: string;
}

function load(prefix: string): CertPair {
  const caFile = `${certDir}${prefix}ca.pem`;
  return {
    caFile,
    caPem: readFileSync(caFile, 'utf8'),
    cert: readFileSync(`${certDir}${prefix}server.pem`, 'utf8'),
    key: readFileSync(`${certDir}${prefix}server-key.pem`, 'utf8'),
  };
}

/** The trusted test CA and the server certificate it signed (127.0.0.1, ::1, localhost). */
export function sandboxCerts(): CertPair {
  return load('');
}

/**
 * A second CA and server certificate that the sandbox CA does not vouch for: serve with it (or trust
 * only this CA) to test "certificate not trusted".
 */
export function createUntrustedCa(): CertPair {
  return load('untrusted-');
}

export const untrustedCaFile = `${certDir}untrusted-ca.pem`;
