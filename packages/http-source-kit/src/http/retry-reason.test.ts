import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import { recordingSleep, startTestServer, testCaPem } from '../../test/support/https-test-server.js';
import { ConnectorError, HttpError } from '../errors/index.js';
import { JsonBodyError } from '../records/index.js';
import { HttpClient } from './http-client.js';
import { retryReason } from './retry-reason.js';

const track = closeAfterEach();

describe('retryReason', () => {
  it('says why an attempt failed in a few words', () => {
    const http = {
      method: 'GET',
      url: 'https://mb.example.com/api/card',
      failureType: 'transient_error' as const,
      retryable: true,
    };
    expect(retryReason(new HttpError({ ...http, message: 'x', status: 429, retryAfterMs: 1000 }))).toBe(
      'HTTP 429 Too Many Requests, Retry-After 1 s',
    );
    expect(retryReason(new HttpError({ ...http, message: 'x', status: 502 }))).toBe('HTTP 502 Bad Gateway');
    expect(retryReason(new HttpError({ ...http, message: 'x', status: 418 }))).toBe('HTTP 418');
    expect(
      retryReason(
        new HttpError({ ...http, message: 'x', code: 'ECONNRESET', internalMessage: 'ECONNRESET: socket hang up' }),
      ),
    ).toBe('socket hang up (ECONNRESET)');
    expect(
      retryReason(
        new HttpError({ ...http, message: 'x', code: 'ECONNRESET', internalMessage: 'ECONNRESET: read ECONNRESET' }),
      ),
    ).toBe('read ECONNRESET');
    const cut = new JsonBodyError(
      'truncated',
      'the response body ended early, after 12 bytes, in the middle of a JSON value',
    );
    expect(retryReason(new ConnectorError({ message: 'x', failureType: 'transient_error', cause: cut }))).toBe(
      cut.message,
    );
    expect(retryReason(Object.assign(new Error('boom'), { code: 'EPIPE' }))).toBe('EPIPE');
  });

  it('is in the WARN line of every retry, with the attempt number and the wait', async () => {
    let n = 0;
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        n++;
        if (n === 1) res.writeHead(503, { 'content-type': 'text/plain' }).end('Metabase is still initializing');
        else if (n === 2) res.writeHead(429, { 'retry-after': '0' }).end();
        else if (n === 3) res.socket?.destroy();
        else res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      }),
    );
    const warnings: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      error: () => undefined,
      warn: (m: string) => warnings.push(m),
    };
    const { sleep } = recordingSleep();
    const client = track(
      new HttpClient({ baseUrl: server.url, caCertPem: testCaPem, userAgent: 't/1', logger, sleep, random: () => 0.5 }),
    );
    await expect(client.json({ path: 'card' })).resolves.toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^GET https:\/\/127\.0\.0\.1:\d+\/card failed: HTTP 503 Service Unavailable; attempt 2 of 6 in 500 ms\.$/,
      ),
      expect.stringMatching(
        /^GET https:\/\/127\.0\.0\.1:\d+\/card failed: HTTP 429 Too Many Requests, Retry-After 0 ms; attempt 3 of 6 in 0 ms\.$/,
      ),
      expect.stringMatching(
        /^GET https:\/\/127\.0\.0\.1:\d+\/card failed: socket hang up \(ECONNRESET\); attempt 4 of 6 in 2 s\.$/,
      ),
    ]);
  });
});
