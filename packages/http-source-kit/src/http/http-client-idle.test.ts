import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import { startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { HttpClient } from './http-client.js';
import { readBodyText } from './read-body.js';

const track = closeAfterEach();
const waitMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function clientFor(server: TestServer, idleTimeoutMs: number): HttpClient {
  return track(
    new HttpClient({
      baseUrl: server.url,
      caCertPem: testCaPem,
      userAgent: 't/1',
      idleTimeoutMs,
      retry: { maxAttempts: 1 },
    }),
  );
}

describe('HttpClient idle timeout (between pieces of an answer)', () => {
  it('does not end a body that trickles for longer than the timeout, a chunk at a time', async () => {
    const server = track(
      await startTestServer('trusted', async (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        for (let i = 0; i < 10; i++) {
          await waitMs(40);
          res.write(`${i === 0 ? '' : ','}${i}`);
        }
        res.end(']');
      }),
    );
    await expect(clientFor(server, 150).json({ path: 'x' })).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('does not count time the body waits for us (back-pressure) as the server being silent', async () => {
    const big = 'x'.repeat(4 * 1024 * 1024);
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': big.length });
        res.end(big);
      }),
    );
    const response = await clientFor(server, 100).send({ path: 'x' });
    await waitMs(450);
    await expect(readBodyText(response.body)).resolves.toHaveLength(big.length);
  });

  it('still ends a body that stalls after the first request on a kept-alive connection', async () => {
    let count = 0;
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        count++;
        res.writeHead(200, { 'content-type': 'application/json' });
        if (count === 1) res.end('[1]');
        else res.write('[2'); // and then silence
      }),
    );
    const client = clientFor(server, 120);
    await expect(client.json({ path: 'a' })).resolves.toEqual([1]);
    const error = await client.json({ path: 'b' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: true, failureType: 'transient_error' });
    expect((error as Error).message).toContain('no data received for 120 ms');
  });
});
