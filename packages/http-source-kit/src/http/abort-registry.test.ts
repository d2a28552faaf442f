import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import { recordingSleep, startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { HttpClient } from './http-client.js';
import { readBodyText } from './read-body.js';

const track = closeAfterEach();

function clientFor(server: TestServer): HttpClient {
  const { sleep } = recordingSleep();
  return track(new HttpClient({ baseUrl: server.url, caCertPem: testCaPem, userAgent: 'test/1', sleep }));
}

describe('aborting requests', () => {
  it('ends a request waiting for its headers with the signal reason, and sends no retry', async () => {
    const server = track(await startTestServer('trusted', () => undefined)); // never answers
    const controller = new AbortController();
    const pending = clientFor(server).send({ path: 'slow', signal: controller.signal });
    // Abort only once the server holds the request, so the test proves "waiting for headers" on a loaded machine too.
    for (let waited = 0; server.requests.length === 0 && waited < 5_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(server.requests).toHaveLength(1);
    controller.abort(new Error('stop now'));
    await expect(pending).rejects.toThrow('stop now');
    expect(server.requests).toHaveLength(1);
  });

  it('breaks a body being streamed when the signal aborts', async () => {
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[1,2,3'); // and nothing more
      }),
    );
    const controller = new AbortController();
    const response = await clientFor(server).send({ path: 'stream', signal: controller.signal });
    const reading = readBodyText(response.body);
    controller.abort(new Error('stop now'));
    await expect(reading).rejects.toThrow();
  });

  it('sends nothing for a signal that has already aborted', async () => {
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        res.end('[]');
      }),
    );
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(clientFor(server).send({ path: 'x', signal: controller.signal })).rejects.toThrow('too late');
    expect(server.requests).toHaveLength(0);
  });

  it('keeps working for later requests with the same signal after earlier ones finished', async () => {
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        res.end('[1]');
      }),
    );
    const controller = new AbortController();
    const client = clientFor(server);
    for (let i = 0; i < 3; i++) {
      const response = await client.send({ path: 'x', signal: controller.signal });
      expect(await readBodyText(response.body)).toBe('[1]');
    }
    expect(server.requests).toHaveLength(3);
  });
});
