import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import {
  recordingSleep,
  sendJson,
  startTestServer,
  testCaPem,
  type TestServer,
} from '../../test/support/https-test-server.js';
import { HttpError } from '../errors/index.js';
import { HttpClient } from './http-client.js';
import type { HttpClientOptions } from './http-types.js';
import { readBodyText } from './read-body.js';

let server: TestServer | undefined;
let client: HttpClient | undefined;
const track = closeAfterEach();

function clientFor(s: TestServer, extra: Partial<HttpClientOptions> = {}): HttpClient {
  client = track(new HttpClient({ baseUrl: s.url, caCertPem: testCaPem, userAgent: 'test-source/1.0.0', ...extra }));
  return client;
}

const fullBody = JSON.stringify(Array.from({ length: 200 }, (_, id) => ({ id, name: `card ${id}` })));

/** Sends the headers of the full body, half of it, then cuts the connection. */
function sendTruncated(res: ServerResponse, chunked: boolean): void {
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(chunked ? {} : { 'content-length': Buffer.byteLength(fullBody) }),
  });
  res.write(fullBody.slice(0, 1000), () => res.socket?.destroy());
}

describe('HttpClient bodies', () => {
  it.each([false, true])('json() retries a body cut short (chunked: %s)', async (chunked) => {
    server = track(
      await startTestServer('trusted', (_req, res) => {
        if (server?.requests.length === 1) sendTruncated(res, chunked);
        else sendJson(res, 200, JSON.parse(fullBody));
      }),
    );
    const { sleeps, sleep } = recordingSleep();
    const value = await clientFor(server, { sleep }).json<unknown[]>({ path: 'cards' });
    expect(value).toHaveLength(200);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('json() retries invalid JSON and then gives up without quoting the body', async () => {
    server = track(
      await startTestServer('trusted', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "a-session-token", "trunc');
      }),
    );
    const { sleep } = recordingSleep();
    const error = await clientFor(server, { sleep, retry: { maxAttempts: 3 } })
      .json({ path: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_INVALID_JSON', retryable: true });
    expect(JSON.stringify(error) + (error as Error).message).not.toContain('a-session-token');
    expect(server.requests).toHaveLength(3);
  });

  it('send() streams the body and reports a truncated body as a retryable HttpError', async () => {
    server = track(
      await startTestServer('trusted', (_req, res) => {
        sendTruncated(res, false);
      }),
    );
    const response = await clientFor(server).send({ path: 'cards' });
    expect(response.status).toBe(200);
    const error = await readBodyText(response.body).catch((e: unknown) => e);
    expect(HttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ retryable: true, failureType: 'transient_error' });
    expect(client?.retryPolicy.nextDelayMs(error, 1, 0)).toBeTypeOf('number');
  });

  it('decodes gzip bodies', async () => {
    const { gzipSync } = await import('node:zlib');
    server = track(
      await startTestServer('trusted', (_req, res) => {
        const body = gzipSync(fullBody);
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': body.length,
        });
        res.end(body);
      }),
    );
    await expect(clientFor(server).json<unknown[]>({ path: 'cards' })).resolves.toHaveLength(200);
  });

  it('times out a server that stops sending mid-body, then retries', async () => {
    server = track(
      await startTestServer('trusted', (_req, res) => {
        if (server?.requests.length === 1) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fullBody) });
          res.write(fullBody.slice(0, 10)); // and then silence
        } else sendJson(res, 200, []);
      }),
    );
    const { sleep } = recordingSleep();
    await expect(clientFor(server, { sleep, idleTimeoutMs: 150 }).json({ path: 'x' })).resolves.toEqual([]);
    expect(server.requests).toHaveLength(2);
  });

  it('times out a server that never answers, names the wait, and does not ask again', async () => {
    server = track(await startTestServer('trusted', () => undefined));
    const error = await clientFor(server, { firstByteTimeoutMs: 150, idleTimeoutMs: 50 })
      .json({ path: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ERR_FIRST_BYTE_TIMEOUT',
      retryable: false,
      failureType: 'transient_error',
      endsRun: true,
    });
    expect((error as Error).message).toContain(
      'the server accepted the connection but did not answer (no answer within 150 ms)',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('sends JSON bodies, the user agent, and the same URL with or without a trailing slash on the base', async () => {
    server = track(
      await startTestServer('trusted', (_req, res) => {
        sendJson(res, 200, {});
      }),
    );
    for (const baseUrl of [`${server.url}/api`, `${server.url}/api/`]) {
      const http = new HttpClient({ baseUrl, caCertPem: testCaPem, userAgent: 'test-source/1.0.0' });
      await http.json({ path: 'card', params: { f: 'all', skip: undefined } });
      await http.json({ path: '/card/1', method: 'POST', body: { a: 1 } });
      await http.close();
    }
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/card?f=all',
      'POST /api/card/1',
      'GET /api/card?f=all',
      'POST /api/card/1',
    ]);
    expect(server.requests[1]?.body).toBe('{"a":1}');
    expect(server.requests[1]?.headers['content-type']).toBe('application/json');
    expect(server.requests[0]?.headers['user-agent']).toBe('test-source/1.0.0');
  });
});
