// Server certificates that are wrong the way real ones go wrong, made when a sandbox starts (never kept in the
// repository): one that expired, one issued for another host name. Each is signed by a CA made with it, so a client
// that trusts that CA sees only the one problem. Needs the openssl command.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CertPair } from './certs.js';

export type OddCertificate = 'expired' | 'other-host';

/** When the expired certificate was valid: long ago, so the date in an error message is easy to check. */
export const EXPIRED_CERTIFICATE_VALIDITY = { from: '2020-01-01T00:00:00Z', to: '2020-03-01T00:00:00Z' } as const;
/** The host names the other-host certificate is for (not 127.0.0.1, ::1 or localhost). */
export const OTHER_HOST_NAMES = ['metabase.other.example', 'www.other.example'] as const;

const CA_CONFIG = `[ca]
default_ca = sandbox_ca
[sandbox_ca]
dir = .
database = index.txt
serial = serial
new_certs_dir = .
default_md = sha256
policy = any
copy_extensions = copy
[any]
commonName = supplied
`;

/** A fresh CA and a server certificate of the asked kind; `remove()` deletes the files (keys included). */
export function makeOddCertificate(kind: OddCertificate): CertPair & { remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-certs-'));
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  try {
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      'req',
      '-x509',
      ...ecKey,
      '-keyout',
      'ca-key.pem',
      '-out',
      'ca.pem',
      '-days',
      '30',
      '-subj',
      '/CN=Sandbox odd-certificate CA',
    );
    const names =
      kind === 'expired'
        ? 'IP:127.0.0.1,IP:::1,DNS:localhost'
        : OTHER_HOST_NAMES.map((name) => `DNS:${name}`).join(',');
    openssl(
      'req',
      ...ecKey,
      '-keyout',
      'server-key.pem',
      '-out',
      'server.csr',
      '-subj',
      `/CN=${kind === 'expired' ? '127.0.0.1' : OTHER_HOST_NAMES[0]}`,
      '-addext',
      `subjectAltName=${names}`,
    );
    const validity =
      kind === 'expired'
        ? [
            '-startdate',
            opensslDate(EXPIRED_CERTIFICATE_VALIDITY.from),
            '-enddate',
            opensslDate(EXPIRED_CERTIFICATE_VALIDITY.to),
          ]
        : ['-days', '30'];
    openssl(
      'ca',
      '-batch',
      '-notext',
      '-config',
      'ca.cnf',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca-key.pem',
      '-in',
      'server.csr',
      '-out',
      'server.pem',
      ...validity,
    );
    const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
    return {
      caFile: join(dir, 'ca.pem'),
      caPem: read('ca.pem'),
      cert: read('server.pem'),
      key: read('server-key.pem'),
      remove: () => {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not make the ${kind} test certificate with openssl: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** "2020-01-01T00:00:00Z" as openssl ca wants it: "20200101000000Z". */
function opensslDate(iso: string): string {
  return iso.replace(/[-:T]/g, '');
}
