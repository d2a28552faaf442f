// Sessions ending while bodies break: a body cut halfway is asked for again, that request meets the ended session
// (401), a new login follows and the request is sent again; the records already emitted are still skipped, so a list
// stream and a parent feeding partitions emit every record once, in order.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSource, defineStream, parentPartitions, sessionAuth } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { sendJson, startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';
import { errorsOf, recordsOf } from './support/output-timeline.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const parents = Array.from({ length: 40 }, (_, id) => ({ id, name: `parent ${id} ✓`, pad: 'x'.repeat(200) }));
const childrenOf = (id: number) => Array.from({ length: 5 }, (_, i) => ({ id: `${id}-${i}`, parent_id: id }));

/** Sessions that end after `perSession` answers; every `cutEvery`-th 200 body is cut halfway and the socket dropped. */
async function startServer(
  perSession: number,
  cutEvery: number,
): Promise<TestServer & { logins: () => number; cuts: () => number }> {
  const sessions = new Map<string, number>();
  let logins = 0;
  let answers = 0;
  let cuts = 0;
  const reply = (res: ServerResponse, value: unknown): void => {
    const body = Buffer.from(JSON.stringify(value));
    if (++answers % cutEvery !== 0) {
      sendJson(res, 200, value);
      return;
    }
    cuts++;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method === 'POST' && req.url === '/api/session') {
      const token = `session-${++logins}`;
      sessions.set(token, perSession);
      sendJson(res, 200, { id: token });
      return;
    }
    const token = String(req.headers['x-session'] ?? '');
    const left = sessions.get(token) ?? 0;
    if (left <= 0) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('Unauthenticated');
      return;
    }
    sessions.set(token, left - 1);
    const child = /^\/api\/parents\/(\d+)\/children$/.exec(req.url ?? '');
    if (req.url === '/api/parents') reply(res, parents);
    else if (child) reply(res, childrenOf(Number(child[1])));
    else sendJson(res, 404, { message: 'no such route' });
  };
  const base = await startTestServer('trusted', handler);
  return Object.assign(base, { logins: () => logins, cuts: () => cuts });
}

const source = defineSource({
  name: 'source-sessions',
  version: '1.0.0',
  config: z.object({ base_url: z.string() }),
  http: (config) => ({ baseUrl: config.base_url, caCertPem: testCaPem, retry: { baseDelayMs: 1, maxDelayMs: 2 } }),
  // A ceiling far above the default: sessions of one answer need a login per request here.
  authenticator: () =>
    sessionAuth({
      header: 'X-Session',
      login: { path: 'session', body: () => ({ username: 'u', password: 'p' }), tokenPath: 'id' },
      maxLoginsPerMinute: 1000,
    }),
  streams: () => [
    defineStream({
      name: 'parents',
      primaryKey: [['id']],
      jsonSchema: { type: 'object', properties: { id: {} } },
      request: { path: 'parents' },
      records: { path: '', expect: 'array' },
    }),
    defineStream({
      name: 'children',
      primaryKey: [['id']],
      jsonSchema: { type: 'object', properties: { id: {} } },
      partitions: parentPartitions({ parent: 'parents', partition: (p) => ({ id: p.id }), concurrency: 4 }),
      request: { path: ({ partition }) => `parents/${String(partition?.id)}/children` },
      records: { path: '', expect: 'array' },
    }),
  ],
});

describe('sessions that end while bodies break', () => {
  it.each([
    [1, 2],
    [3, 3],
    [7, 5],
  ])(
    'sessions of %i answers, every %i-th body cut: every record once, in order',
    async (perSession, cutEvery) => {
      const api = await startServer(perSession, cutEvery);
      server = api;
      const output = await readSource(source, { config: { base_url: `${api.url}/api/` }, streamConcurrency: 2 });
      expect(errorsOf(output)).toEqual([]);
      expect(output.exitCode).toBe(0);
      expect(recordsOf(output, 'parents')).toEqual(parents);
      expect(recordsOf(output, 'children')).toEqual(parents.flatMap((p) => childrenOf(p.id)));
      expect(api.cuts()).toBeGreaterThan(5);
      expect(api.logins()).toBeGreaterThan(5);
    },
    30_000,
  );
});
