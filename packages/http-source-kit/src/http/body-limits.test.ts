import { once } from 'node:events';
import { createBrotliCompress, createDeflate, createGzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import { recordingSleep, startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { HttpClient } from './http-client.js';
import { readBodyText } from './read-body.js';
import type { BodyLimits } from './body-limits.js';

const track = closeAfterEach();

function clientFor(server: TestServer, bodyLimits?: BodyLimits): HttpClient {
  const { sleep } = recordingSleep();
  return track(
    new HttpClient({
      baseUrl: server.url,
      caCertPem: testCaPem,
      userAgent: 'test/1',
      sleep,
      retry: { maxAttempts: 3 },
      ...(bodyLimits ? { bodyLimits } : {}),
    }),
  );
}

const compressors = {
  gzip: () => createGzip({ level: 9 }),
  deflate: () => createDeflate({ level: 9 }),
  br: () => createBrotliCompress(),
};

/** Serves `[` + endless spaces, compressed on the fly with back-pressure, until the client goes away. */
function bombServer(encoding: keyof typeof compressors): Promise<TestServer> {
  return startTestServer('trusted', async (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
    const compressor = compressors[encoding]();
    compressor.pipe(res);
    res.once('close', () => compressor.destroy());
    const spaces = ' '.repeat(64 * 1024);
    const closed = once(res, 'close').catch(() => undefined);
    compressor.write('[');
    while (!res.destroyed && !compressor.destroyed) {
      if (!compressor.write(spaces)) await Promise.race([once(compressor, 'drain').catch(() => undefined), closed]);
    }
  });
}

describe('compressed bodies that inflate like a bomb', () => {
  it.for(['gzip', 'deflate', 'br'] as const)(
    '%s: stopped past 1 MiB at 200x, with a final error naming the ratio and the request',
    async (encoding) => {
      const server = track(await bombServer(encoding));
      const response = await clientFor(server).send({ path: 'items', params: { token: 'secret-value' } });
      const error = await readBodyText(response.body).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_BODY_INFLATION', retryable: false, failureType: 'system_error' });
      expect((error as Error).message).toMatch(
        new RegExp(
          `^The response to GET https://127\\.0\\.0\\.1:\\d+/items\\?token=\\*\\*\\* inflated to more than 200 times the size it had on the wire \\([\\d.]+ MiB from [\\d.]+ (KiB|bytes) of ${encoding}\\)`,
        ),
      );
      expect(server.requests).toHaveLength(1);
    },
  );

  it('json() fails at once too (not retried: the same request inflates the same way)', async () => {
    const server = track(await bombServer('gzip'));
    const error = await clientFor(server)
      .json({ path: 'items' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_BODY_INFLATION', retryable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('a small body inflates as much as it likes, and the ratio can be set', async () => {
    const text = `[${' '.repeat(900 * 1024)}]`; // ~1000x, but under 1 MiB decoded
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        const encoded = gzipSync(text, { level: 9 });
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': encoded.length,
        });
        res.end(encoded);
      }),
    );
    expect(await clientFor(server).json({ path: 'a' })).toEqual([]);
    // gzip cannot inflate 5000 times: the bomb then runs into the other limit, on the size of a body read whole.
    const bomb = track(await bombServer('gzip'));
    const error = await clientFor(bomb, { maxInflationRatio: 5000 })
      .json({ path: 'a' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_BODY_TOO_LARGE' });
  });
});

describe('bodies read whole', () => {
  it('over the record limit: a config error naming the limit and the advice, not retried', async () => {
    const server = track(
      await startTestServer('trusted', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ s: 'x'.repeat(5000) }));
      }),
    );
    const client = clientFor(server, { maxRecordBytes: 4096, raiseAdvice: 'Raise max_record_size_mb.' });
    for (const read of [() => client.json({ path: 'me' }), () => client.text({ path: 'me' })]) {
      const error = await read().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ERR_BODY_TOO_LARGE', failureType: 'config_error', retryable: false });
      expect((error as Error).message).toMatch(
        /^The response to GET https:\/\/127\.0\.0\.1:\d+\/me is larger than the limit of 4 KiB on one record, so reading stopped\. Raise max_record_size_mb\.$/,
      );
    }
    expect(server.requests).toHaveLength(2);
    expect(await clientFor(server).json({ path: 'me' })).toEqual({ s: 'x'.repeat(5000) });
  });

  it('refuses limits that make no sense', () => {
    expect(
      () => new HttpClient({ baseUrl: 'https://x.invalid/', userAgent: 't', bodyLimits: { maxRecordBytes: 0 } }),
    ).toThrow(/maxRecordBytes must be positive/);
    expect(
      () => new HttpClient({ baseUrl: 'https://x.invalid/', userAgent: 't', bodyLimits: { maxInflationRatio: 0.5 } }),
    ).toThrow(/at least 1/);
  });
});
