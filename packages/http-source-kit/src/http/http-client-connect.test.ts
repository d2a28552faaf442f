import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { HttpClient } from './http-client.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function track(client: HttpClient): HttpClient {
  cleanups.push(() => client.close());
  return client;
}

describe('HttpClient connection failures', () => {
  it('times out a TLS handshake that never completes', async () => {
    // Accepts TCP connections and then says nothing, so the TLS handshake hangs.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => {
      silent.listen(0, '127.0.0.1', resolve);
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => {
            resolve();
          });
        }),
    );
    const { port } = silent.address() as AddressInfo;
    const client = track(
      new HttpClient({
        baseUrl: `https://127.0.0.1:${port}`,
        userAgent: 't/1',
        connectTimeoutMs: 150,
        retry: { maxAttempts: 1 },
      }),
    );
    const error = await client.json({ path: '' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_CONNECT_TIMEOUT', retryable: true, failureType: 'transient_error' });
    expect((error as Error).message).toContain('could not connect within 150 ms');
  });

  it('explains an https URL pointing at a plain http port, without retrying', async () => {
    const plain: TestServer = await startTestServer('plain', (_req, res) => {
      sendJson(res, 200, {});
    });
    cleanups.push(() => plain.close());
    const client = track(
      new HttpClient({ baseUrl: plain.url.replace('http:', 'https:'), caCertPem: testCaPem, userAgent: 't/1' }),
    );
    await expect(client.json({ path: '' })).rejects.toMatchObject({
      failureType: 'config_error',
      retryable: false,
      message: expect.stringMatching(/HTTPS server/) as unknown,
    });
  });

  it('retries a refused connection and then gives up with transient_error', async () => {
    const plain = await startTestServer('plain', () => undefined);
    const url = plain.url;
    await plain.close(); // nothing listens on this port any more
    const sleeps: number[] = [];
    const client = track(
      new HttpClient({
        baseUrl: url,
        userAgent: 't/1',
        retry: { maxAttempts: 3 },
        sleep: (ms) => {
          sleeps.push(ms);
          return Promise.resolve();
        },
      }),
    );
    await expect(client.json({ path: '' })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
      failureType: 'transient_error',
    });
    expect(sleeps).toHaveLength(2);
  });
});
