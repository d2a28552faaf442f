// A body cut at any byte is resumed on every request path: the first answer to one request is cut after k bytes
// (for every k of a small body, on the wire, gzip or not), the retry is served whole, and the stream's records must be
// exactly those of a clean read: nothing lost, nothing doubled, order kept. A cut is a dropped connection, or (on the
// list path) a response that ends cleanly too early, as a proxy that gave up on its upstream sends it.
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { ConfiguredAirbyteCatalog } from '@mb-airbyte/airbyte-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSource, defineStream, offsetPagination, parentPartitions } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';
import { errorsOf, recordsOf } from './support/output-timeline.js';

const items = [
  { id: 1, name: 'a "q" — ü😀', tags: ['x'] },
  { id: 2, name: 'e\\s\n\u0001', n: -1.5e-3, b: false, z: null },
  { id: 3, deep: [[1], { k: 'v' }] },
];
const details = new Map(items.map((item) => [item.id, { ...item, cards: [{ id: item.id * 10 }] }]));

/** Every body of the API, by path and query; the list has an envelope on both sides of its records. */
function bodyFor(url: URL): unknown {
  if (url.pathname === '/items') return { total: items.length, data: items, models: ['dashboard'], limit: null };
  if (url.pathname === '/pages') {
    const offset = Number(url.searchParams.get('offset'));
    return { total: items.length, data: items.slice(offset, offset + 2) };
  }
  const detail = /^\/detail\/(\d+)$/.exec(url.pathname);
  return detail ? details.get(Number(detail[1])) : undefined;
}

type Encoding = 'identity' | 'gzip';
/** How the cut answer ends: the connection closes, or the response ends as if it were whole (chunked). */
type Ending = 'connection' | 'response';

interface Cut {
  /** "path?query" of the request whose first answer is cut. */
  target: string;
  encoding: Encoding;
  ending: Ending;
  at: number;
}

let cut: Cut | undefined;
let cutsDone = 0;

function wireBody(url: URL, encoding: Encoding): Buffer {
  const text = Buffer.from(JSON.stringify(bodyFor(url)));
  return encoding === 'gzip' ? gzipSync(text) : text;
}

/** Whether an answer carries a Content-Length: identity bodies do unless cut cleanly; gzip ones are chunked. */
function hasLength(encoding: Encoding, ending: Ending): boolean {
  return encoding === 'identity' && ending === 'connection';
}

function send(
  res: ServerResponse,
  body: Buffer,
  how: Pick<Cut, 'encoding' | 'ending'>,
  cutAt: number | undefined,
): void {
  res.writeHead(200, {
    'content-type': 'application/json',
    ...(how.encoding === 'gzip' ? { 'content-encoding': 'gzip' } : {}),
    ...(hasLength(how.encoding, how.ending) ? { 'content-length': String(body.length) } : {}),
  });
  if (cutAt === undefined) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  const prefix = body.subarray(0, cutAt);
  // The first `cutAt` bytes, then either the connection ends (TLS close_notify + FIN, so the client sees exactly those
  // bytes) or the response does, with its final chunk.
  if (how.ending === 'response') res.end(prefix);
  else res.write(prefix, () => res.socket?.end());
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('trusted', (req, res) => {
    const url = new URL(req.url ?? '/', 'https://test.invalid');
    const how = cut ?? { encoding: 'identity', ending: 'connection' };
    const isTarget = cut !== undefined && `${url.pathname}${url.search}` === cut.target && cutsDone === 0;
    if (isTarget) cutsDone++;
    send(res, wireBody(url, how.encoding), how, isTarget ? cut?.at : undefined);
  });
});
afterAll(async () => {
  await server.close();
});

const object = { type: 'object', properties: { id: { type: 'integer' } } };
const source = defineSource({
  name: 'source-cuts',
  version: '1.0.0',
  config: z.object({ base_url: z.string() }),
  http: (config) => ({ baseUrl: config.base_url, caCertPem: testCaPem, retry: { baseDelayMs: 1, maxDelayMs: 1 } }),
  streams: () => [
    defineStream({
      name: 'items',
      primaryKey: [['id']],
      jsonSchema: object,
      request: { path: 'items' },
      records: { path: 'data', expect: 'array' },
    }),
    defineStream({
      name: 'pages',
      primaryKey: [['id']],
      jsonSchema: object,
      request: { path: 'pages' },
      records: { path: 'data', expect: 'array' },
      paginator: offsetPagination({ limit: 2, totalPath: 'total' }),
    }),
    defineStream({
      name: 'details',
      primaryKey: [['id']],
      jsonSchema: object,
      partitions: parentPartitions({ parent: 'items', partition: (item) => ({ id: item.id }), concurrency: 2 }),
      request: { path: ({ partition }) => `detail/${String(partition?.id)}` },
      records: { path: '', expect: 'object' },
    }),
  ],
});

interface PathCase {
  /** What the case proves resumption for. */
  path: string;
  stream: 'items' | 'pages' | 'details';
  target: string;
  expected: unknown[];
  endings: Ending[];
}

const cases: PathCase[] = [
  { path: 'a list stream', stream: 'items', target: '/items', expected: items, endings: ['connection', 'response'] },
  {
    path: 'a paged stream (its first page of two)',
    stream: 'pages',
    target: '/pages?limit=2&offset=0',
    expected: items,
    endings: ['connection'],
  },
  {
    path: 'a parent read that feeds partitions',
    stream: 'details',
    target: '/items',
    expected: [...details.values()],
    endings: ['connection'],
  },
  {
    path: 'a detail request (one partition)',
    stream: 'details',
    target: '/detail/2',
    expected: [...details.values()],
    endings: ['connection'],
  },
];

/** A full-refresh catalog of one stream (no discover per run: these runs are many). */
function catalogOf(stream: string): ConfiguredAirbyteCatalog {
  return {
    streams: [
      {
        stream: { name: stream, json_schema: {}, supported_sync_modes: ['full_refresh'] },
        sync_mode: 'full_refresh',
        destination_sync_mode: 'append',
      },
    ],
  };
}

const runs = cases.flatMap((c) =>
  (['identity', 'gzip'] as const).flatMap((encoding) => c.endings.map((ending) => ({ ...c, encoding, ending }))),
);

describe('a body cut at any byte is resumed', () => {
  it.each(runs)(
    'on $path ($encoding, the $ending ends)',
    async ({ stream, target, expected, encoding, ending }) => {
      const length = wireBody(new URL(target, 'https://test.invalid'), encoding).length;
      // With a Content-Length all bytes make a whole body; a chunked body can still lose its final chunk. A response
      // that ends cleanly with no byte at all is an empty answer, which fails at once (mid-body-retry.test.ts), not a cut.
      const first = ending === 'response' && encoding === 'identity' ? 1 : 0;
      const offsets = Array.from(
        { length: (hasLength(encoding, ending) ? length : length + 1) - first },
        (_, i) => first + i,
      );
      const failures: string[] = [];
      for (const at of offsets) {
        cut = { target, encoding, ending, at };
        cutsDone = 0;
        const output = await readSource(source, { config: { base_url: server.url }, catalog: catalogOf(stream) });
        const records = recordsOf(output, stream);
        if (cutsDone !== 1) failures.push(`cut at ${at}: the cut was not made`);
        else if (output.exitCode !== 0)
          failures.push(`cut at ${at}: exit ${output.exitCode}: ${errorsOf(output)[0]?.message ?? ''}`);
        else if (JSON.stringify(records) !== JSON.stringify(expected))
          failures.push(`cut at ${at}: ${JSON.stringify(records.map((r) => r.id))}`);
      }
      cut = undefined;
      expect(failures).toEqual([]);
    },
    300_000,
  ); // a few seconds each on a quiet machine; generous for a loaded one
});
