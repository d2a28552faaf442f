// A stream may authenticate with its own authenticator, send a url-encoded form, and a paginator may add headers, a body and a token that
// the stream's request closures see as `page`.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearerAuth, defineSource, defineStream, type Paginator } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Config = { base_url: string };
const schema = { type: 'object', properties: { id: { type: 'integer' } } };

/** Two pages: the second carries a token in a header, the body and the closures' `page`. */
const twoPages: Paginator = {
  description: 'two pages',
  start() {
    let page = 1;
    return {
      current: () =>
        page === 1 ? {} : { headers: { 'x-page': '2' }, body: { page: 2 }, token: { next_page_token: 'p2' } },
      advance: () => page++ === 1,
    };
  },
};

function source(): ReturnType<typeof defineSource<Config>> {
  return defineSource<Config>({
    name: 'source-overrides',
    version: '1.0.0',
    config: z.object({ base_url: z.string() }),
    http: (c) => ({ baseUrl: c.base_url, caCertPem: testCaPem }),
    authenticator: () => bearerAuth({ token: 'source-token' }),
    streams: () => [
      defineStream<Config>({ name: 'plain', jsonSchema: schema, request: { path: 'plain' } }),
      defineStream<Config>({
        name: 'form',
        jsonSchema: schema,
        request: { method: 'POST', path: 'form', body: new URLSearchParams({ a: '1 2', b: 'x&y' }) },
      }),
      defineStream<Config>({
        name: 'own',
        jsonSchema: schema,
        request: {
          method: 'POST',
          path: ({ page }) => `own/${(page as { next_page_token?: string } | undefined)?.next_page_token ?? 'first'}`,
          body: { fixed: true },
          authenticator: bearerAuth({ token: 'stream-token' }),
        },
        paginator: twoPages,
      }),
    ],
  });
}

describe('request overrides', () => {
  it('uses the stream authenticator and the page headers, body and token', async () => {
    server = await startTestServer('trusted', (_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('[{"id":1}]');
    });
    const output = await readSource(source(), { config: { base_url: server.url } });
    expect(output.exitCode).toBe(0);
    const seen = server.requests.map((r) => [r.method, r.path, r.headers.authorization, r.headers['x-page'], r.body]);
    expect(server.requests[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(server.requests[2]?.headers['content-type']).toBe('application/json');
    expect(seen).toEqual([
      ['GET', '/plain', 'Bearer source-token', undefined, ''],
      ['POST', '/form', 'Bearer source-token', undefined, 'a=1+2&b=x%26y'],
      ['POST', '/own/first', 'Bearer stream-token', undefined, '{"fixed":true}'],
      ['POST', '/own/p2', 'Bearer stream-token', '2', '{"fixed":true,"page":2}'],
    ]);
  });
});
