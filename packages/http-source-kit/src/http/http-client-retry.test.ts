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

let server: TestServer | undefined;
let client: HttpClient | undefined;
const track = closeAfterEach();

function clientFor(s: TestServer, extra: Partial<HttpClientOptions> = {}): HttpClient {
  client = track(
    new HttpClient({
      baseUrl: `${s.url}/api`,
      caCertPem: testCaPem,
      userAgent: 'test-source/1.0.0',
      random: () => 0.5,
      ...extra,
    }),
  );
  return client;
}

describe('HttpClient retries over HTTPS', () => {
  it('retries 503 with backoff and full jitter, then succeeds', async () => {
    let calls = 0;
    server = track(
      await startTestServer('trusted', (_req, res) => {
        calls++;
        if (calls <= 2) sendJson(res, 503, { message: 'busy' });
        else sendJson(res, 200, { ok: true });
      }),
    );
    const { sleeps, sleep } = recordingSleep();
    const http = clientFor(server, { sleep, retry: { baseDelayMs: 1000 } });
    await expect(http.json({ path: 'thing' })).resolves.toEqual({ ok: true });
    // random() = 0.5 of ceilings 1000 and 2000
    expect(sleeps).toEqual([500, 1000]);
    expect(http.stats()).toEqual({ requests: 3, retries: 2 });
  });

  it('honours Retry-After in seconds and as an HTTP-date', async () => {
    let calls = 0;
    server = track(
      await startTestServer('trusted', (_req, res) => {
        calls++;
        if (calls === 1) sendJson(res, 429, {}, { 'retry-after': '7' });
        else if (calls === 2) sendJson(res, 503, {}, { 'retry-after': new Date(Date.now() + 30_000).toUTCString() });
        else sendJson(res, 200, [1]);
      }),
    );
    const { sleeps, sleep } = recordingSleep();
    await expect(clientFor(server, { sleep }).json({ path: 'x' })).resolves.toEqual([1]);
    expect(sleeps[0]).toBe(7000);
    expect(sleeps[1]).toBeGreaterThan(25_000);
    expect(sleeps[1]).toBeLessThanOrEqual(30_000);
  });

  it.each([408, 429, 500, 502, 504])(
    'gives up on a persistent %i after maxAttempts with transient_error',
    async (status) => {
      server = track(
        await startTestServer('trusted', (_req, res) => {
          sendJson(res, status, { error: 'nope' });
        }),
      );
      const { sleeps, sleep } = recordingSleep();
      const error = await clientFor(server, { sleep, retry: { maxAttempts: 4 } })
        .json({ path: 'x' })
        .catch((e: unknown) => e);
      expect(HttpError.isInstance(error)).toBe(true);
      const httpError = error as HttpError;
      expect(httpError).toMatchObject({ status, failureType: 'transient_error', retryable: true, method: 'GET' });
      expect(httpError.message).toContain('gave up after 4 attempts');
      expect(httpError.bodySnippet).toBe('{"error":"nope"}');
      expect(server.requests).toHaveLength(4);
      expect(sleeps).toHaveLength(3);
    },
  );

  it('stops when the total time budget would be exceeded', async () => {
    server = track(
      await startTestServer('trusted', (_req, res) => {
        sendJson(res, 503, {}, { 'retry-after': '120' });
      }),
    );
    const { sleep } = recordingSleep();
    await expect(clientFor(server, { sleep, retry: { maxTotalMs: 60_000 } }).json({ path: 'x' })).rejects.toMatchObject(
      { status: 503 },
    );
    expect(server.requests).toHaveLength(1);
  });

  it('retries a connection reset before any header', async () => {
    server = track(
      await startTestServer('trusted', (req, res) => {
        if (server?.requests.length === 1) req.socket.destroy();
        else sendJson(res, 200, { ok: 1 });
      }),
    );
    const { sleeps, sleep } = recordingSleep();
    await expect(clientFor(server, { sleep }).json({ path: 'x' })).resolves.toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it('gives up on resets with a transient HttpError that carries no request headers', async () => {
    server = track(
      await startTestServer('trusted', (req) => {
        req.socket.destroy();
      }),
    );
    const { sleep } = recordingSleep();
    const http = clientFor(server, { sleep, retry: { maxAttempts: 2 } });
    const error = await http
      .json({ path: 'x', params: { api_key: 'sekret-in-query' }, headers: { authorization: 'Bearer sekret-header' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ failureType: 'transient_error', retryable: true, code: 'ECONNRESET' });
    const { inspect } = await import('node:util');
    const shown = `${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)}`;
    expect(shown).not.toContain('sekret');
    expect((error as HttpError).url).toBe(`${server.url}/api/x?api_key=***`);
  });

  it('does not retry 401 and says what the source told it to say', async () => {
    server = track(
      await startTestServer('trusted', (_req, res) => {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end('Unauthenticated');
      }),
    );
    const http = clientFor(server, {
      errorTable: {
        401: {
          action: 'fail',
          failureType: 'config_error',
          message: 'Metabase rejected the API key. Create a new key under Admin > API keys.',
        },
      },
    });
    await expect(http.json({ path: 'card' })).rejects.toMatchObject({
      status: 401,
      failureType: 'config_error',
      retryable: false,
      message: 'Metabase rejected the API key. Create a new key under Admin > API keys.',
      bodySnippet: 'Unauthenticated',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('says what to do on a default 401, fails 404 as system_error, and can ignore a status per request', async () => {
    server = track(
      await startTestServer('trusted', (req, res) => {
        if (req.url === '/api/secret') sendJson(res, 401, {});
        else sendJson(res, 404, { message: 'Not found.' });
      }),
    );
    const http = clientFor(server);
    await expect(http.json({ path: 'secret' })).rejects.toThrow(/Check the credentials/);
    await expect(http.json({ path: 'gone' })).rejects.toMatchObject({ status: 404, failureType: 'system_error' });
    const ignored = await http.json({
      path: 'gone',
      errorTable: { 404: { action: 'ignore', failureType: 'system_error' } },
    });
    expect(ignored).toBeUndefined();
    expect(server.requests).toHaveLength(3);
  });
});
