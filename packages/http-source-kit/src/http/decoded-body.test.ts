import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import { recordingSleep, startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { HttpClient } from './http-client.js';
import { readBodyText } from './read-body.js';

const track = closeAfterEach();
const body = JSON.stringify(Array.from({ length: 300 }, (_, id) => ({ id, name: `dashboard ${id}`, note: 'é✓' })));

function clientFor(server: TestServer): HttpClient {
  const { sleep } = recordingSleep();
  return track(
    new HttpClient({
      baseUrl: server.url,
      caCertPem: testCaPem,
      userAgent: 'test/1',
      sleep,
      retry: { maxAttempts: 2 },
    }),
  );
}

function encodedServer(encoding: string, encode: (text: string) => Buffer): Promise<TestServer> {
  return startTestServer('trusted', (_req, res) => {
    const encoded = encode(body);
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': encoding,
      'content-length': encoded.length,
    });
    res.end(encoded);
  });
}

describe('compressed response bodies', () => {
  it.each([
    ['gzip', (t: string) => gzipSync(t)],
    ['deflate', (t: string) => deflateSync(t)],
    ['br', (t: string) => brotliCompressSync(t)],
  ])('asks for compression and streams a %s body decoded', async (encoding, encode) => {
    const server = track(await encodedServer(encoding, encode));
    const response = await clientFor(server).send({ path: 'dashboards' });
    expect(await readBodyText(response.body)).toBe(body);
    expect(server.requests[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('passes a body in an encoding it does not know as it came', async () => {
    const server = track(await encodedServer('identity', (t) => Buffer.from(t)));
    const response = await clientFor(server).send({ path: 'dashboards' });
    expect(await readBodyText(response.body)).toBe(body);
  });

  it('reports a corrupt compressed body as a retryable error, then retries it', async () => {
    const server = track(
      await encodedServer('gzip', (t) => Buffer.concat([gzipSync(t).subarray(0, 40), Buffer.from('not gzip at all')])),
    );
    const error = await clientFor(server)
      .json({ path: 'dashboards' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: true, failureType: 'transient_error' });
    expect(server.requests).toHaveLength(2);
  });
});
