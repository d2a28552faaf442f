import { existsSync, readFileSync } from 'node:fs';
import { connect, type PeerCertificate } from 'node:tls';
import { expect, test } from 'vitest';
import {
  createUntrustedCa,
  EXPIRED_CERTIFICATE_VALIDITY,
  OTHER_HOST_NAMES,
  startSandbox,
  untrustedCaFile,
} from '../src/index.js';
import { call } from './https-call.js';

test('the URL ends in /api/ and the CA file verifies 127.0.0.1 and localhost', async () => {
  const sandbox = await startSandbox();
  try {
    expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(sandbox.url).toBe(`${sandbox.origin}/api/`);
    expect(readFileSync(sandbox.caFile, 'utf8')).toBe(sandbox.caPem);
    expect((await call(sandbox, 'health')).body).toBe('{"status":"ok"}');
    const port = new URL(sandbox.url).port;
    expect((await call(sandbox, 'health', { base: `https://localhost:${port}/api/` })).status).toBe(200);
  } finally {
    await sandbox.stop();
  }
});

test('a client trusting only the other CA refuses the server certificate', async () => {
  const sandbox = await startSandbox();
  try {
    const other = createUntrustedCa();
    expect(other.caFile).toBe(untrustedCaFile);
    expect(other.caPem).not.toBe(sandbox.caPem);
    await expect(call(sandbox, 'health', { ca: other.caPem })).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  } finally {
    await sandbox.stop();
  }
});

test('the sandbox can listen on ::1 too', async () => {
  const sandbox = await startSandbox({ host: '::1' });
  try {
    expect(sandbox.url).toMatch(/^https:\/\/\[::1\]:\d+\/api\/$/);
    expect((await call(sandbox, 'health')).status).toBe(200);
  } finally {
    await sandbox.stop();
  }
});

test('certificate: expired serves a certificate past its end date, signed by the CA in caPem', async () => {
  const sandbox = await startSandbox({ certificate: 'expired' });
  try {
    expect(existsSync(sandbox.caFile)).toBe(true);
    await expect(call(sandbox, 'health')).rejects.toMatchObject({ code: 'CERT_HAS_EXPIRED' });
    const cert = await peerCertificate(sandbox.origin);
    expect(new Date(cert.valid_to).toISOString()).toBe(new Date(EXPIRED_CERTIFICATE_VALIDITY.to).toISOString());
  } finally {
    await sandbox.stop();
  }
  expect(existsSync(sandbox.caFile)).toBe(false); // the keys made for it are gone
});

test('certificate: other-host serves a valid certificate for other host names only', async () => {
  const sandbox = await startSandbox({ certificate: 'other-host' });
  try {
    await expect(call(sandbox, 'health')).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    const cert = await peerCertificate(sandbox.origin);
    expect(cert.subjectaltname).toBe(OTHER_HOST_NAMES.map((name) => `DNS:${name}`).join(', '));
    expect(Date.parse(cert.valid_to)).toBeGreaterThan(Date.now());
  } finally {
    await sandbox.stop();
  }
});

/** The certificate a server presents, read without verifying it. */
function peerCertificate(origin: string): Promise<PeerCertificate> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate());
      socket.destroy();
    });
    socket.once('error', reject);
  });
}
