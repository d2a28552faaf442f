import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { createUntrustedCa, startSandbox, untrustedCaFile } from '../src/index.js';
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
    await expect(call(sandbox, 'health', { ca: other.caPem })).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
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
