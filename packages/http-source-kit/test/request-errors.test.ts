// A request may choose the rule for an error response from its body, and wait and give up its own way.
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/http/http-client.js';
import { HttpError, type RetryFailure } from '../src/index.js';
import { startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(url: string, waits: number[]): HttpClient {
  return new HttpClient({
    baseUrl: url,
    caCertPem: testCaPem,
    userAgent: 'test',
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
}

describe('per-request error handling', () => {
  it('classify: a 400 whose body says "try later" is retried; the retry waits what delayMs says, from the headers', async () => {
    let calls = 0;
    server = await startTestServer('trusted', (_req, res) => {
      calls++;
      res.writeHead(calls < 3 ? 400 : 200, { 'content-type': 'application/json', 'x-wait': String(calls * 7) });
      res.end(calls < 3 ? '{"error":"try later"}' : '{"ok":true}');
    });
    const waits: number[] = [];
    const failures: RetryFailure[] = [];
    const http = client(server.url, waits);
    const body = await http.json({
      path: 'x',
      classify: (response) =>
        response.body.includes('try later') ? { action: 'retry', failureType: 'transient_error' } : undefined,
      retry: {
        maxAttempts: 5,
        delayMs: (failure) => {
          failures.push(failure);
          return Number(failure.headers['x-wait']);
        },
      },
    });
    await http.close();
    expect(body).toEqual({ ok: true });
    expect(waits).toEqual([7, 14]);
    expect(failures.map((f) => [f.attempt, f.status])).toEqual([
      [1, 400],
      [2, 400],
    ]);
  });

  it('classify can ignore an error response (no records, no failure), and maxAttempts ends the retries', async () => {
    server = await startTestServer('trusted', (req, res) => {
      res.writeHead(req.url === '/gone' ? 404 : 503, { 'content-type': 'application/json' });
      res.end('{"message":"nothing here"}');
    });
    const waits: number[] = [];
    const http = client(server.url, waits);
    const ignored = await http.text({
      path: 'gone',
      classify: ({ status }) => (status === 404 ? { action: 'ignore', failureType: 'system_error' } : undefined),
    });
    expect([ignored.status, ignored.body]).toEqual([404, '']);
    const failed = await http
      .text({ path: 'busy', retry: { maxAttempts: 2, delayMs: () => 1 } })
      .catch((error: unknown) => error);
    await http.close();
    expect(HttpError.isInstance(failed) && failed.status).toBe(503);
    expect(server.requests.map((r) => r.path)).toEqual(['/gone', '/busy', '/busy']);
    expect(waits).toEqual([1]);
  });
});
