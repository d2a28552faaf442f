import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import { sendJson, startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { HttpError } from '../errors/index.js';
import { HttpClient } from './http-client.js';
import type { HttpClientOptions } from './http-types.js';
import type { Logger } from './logger.js';

const track = closeAfterEach();
const waitMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => {
    lines.push(`${level} ${message}`);
  };
  return { lines, debug: keep('DEBUG'), info: keep('INFO'), warn: keep('WARN'), error: keep('ERROR') };
}

function clientFor(server: TestServer, options: Partial<HttpClientOptions>): HttpClient {
  return track(
    new HttpClient({
      baseUrl: server.url,
      caCertPem: testCaPem,
      userAgent: 't/1',
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
      ...options,
    }),
  );
}

describe('HttpClient first-byte timeout (the wait for an answer to begin)', () => {
  it('waits longer than the idle timeout for a server that thinks before answering, and says it is waiting', async () => {
    const server = track(
      await startTestServer('trusted', async (_req, res) => {
        await waitMs(700);
        sendJson(res, 200, [1, 2]);
      }),
    );
    const logger = recordingLogger();
    const client = clientFor(server, { idleTimeoutMs: 100, firstByteTimeoutMs: 5_000, logger });
    await expect(client.json({ path: 'card' })).resolves.toEqual([1, 2]);
    expect(server.requests).toHaveLength(1);
    // A line every tenth of the 5 s timeout (500 ms): one by the time the answer came at 700 ms (more on a slow machine).
    expect(logger.lines[0]).toMatch(
      /^INFO Still waiting for the server to answer GET https:\/\/127\.0\.0\.1:\d+\/card: 500 ms so far \(the connector waits up to 5 s for the first byte of an answer\)\.$/,
    );
    expect(logger.lines.every((line) => line.startsWith('INFO Still waiting'))).toBe(true);
  });

  it('a server that answers nothing: one attempt, logged while waiting, then an error that ends the run', async () => {
    const server = track(await startTestServer('trusted', () => undefined));
    const logger = recordingLogger();
    const client = clientFor(server, {
      firstByteTimeoutMs: 600,
      idleTimeoutMs: 50,
      logger,
      noAnswerAdvice: 'Raise first_byte_timeout_seconds if it needs longer.',
    });
    const error = await client.json({ path: 'card' }).catch((e: unknown) => e);
    expect(HttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'ERR_FIRST_BYTE_TIMEOUT',
      failureType: 'transient_error',
      retryable: false,
      endsRun: true,
    });
    expect((error as Error).message).toMatch(
      /^GET https:\/\/127\.0\.0\.1:\d+\/card: the server accepted the connection but did not answer \(no answer within 600 ms\), nor any other request meanwhile\. The read stops here .* Raise first_byte_timeout_seconds if it needs longer\.$/,
    );
    expect(server.requests).toHaveLength(1);
    expect(logger.lines.filter((l) => l.startsWith('INFO Still waiting')).length).toBeGreaterThanOrEqual(1);
    expect(logger.lines.filter((l) => l.startsWith('WARN'))).toEqual([]);
  });

  it('one endpoint that does not answer while others do: that request fails alone, not the run', async () => {
    const server = track(
      await startTestServer('trusted', (req, res) => {
        if (req.url?.startsWith('/slow') === true) return; // never answers
        sendJson(res, 200, { ok: true });
      }),
    );
    const client = clientFor(server, { firstByteTimeoutMs: 800, idleTimeoutMs: 50 });
    const slow = client.json({ path: 'slow' }).catch((e: unknown) => e);
    await waitMs(100);
    await expect(client.json({ path: 'fast' })).resolves.toEqual({ ok: true });
    const error = await slow;
    expect(error).toMatchObject({ code: 'ERR_FIRST_BYTE_TIMEOUT', retryable: false, failureType: 'transient_error' });
    expect((error as HttpError).endsRun).toBeUndefined();
    expect((error as Error).message).toContain(
      'It answered other requests meanwhile, so this request is slow rather than lost',
    );
    expect(server.requests.filter((r) => r.path === '/slow')).toHaveLength(1);
  });
});
