// Bodies that break halfway (reset, cut short): the request is retried and the records already emitted are skipped,
// so no record is lost or doubled.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSource, defineStream } from '../src/index.js';
import { seededRandom } from './support/random-json.js';
import { readSource } from '../src/testing/index.js';
import { startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';
import { errorsOf, recordsOf, timeline } from './support/output-timeline.js';
import { startToyApi, TOY_TOKEN, toyUsers, type ToyApi } from './support/toy-api.js';
import { toySource } from './support/toy-source.js';

let api: ToyApi | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await api?.close();
  await server?.close();
  api = server = undefined;
});

const bigRecords = Array.from({ length: 3000 }, (_, id) => ({
  id,
  name: `record ${id} — ünïcödé 😀`,
  tags: ['a', 'b'],
}));

/** Writes `body` in small pieces, then destroys the socket after `cutAt` bytes (or ends normally). */
function sendCut(res: ServerResponse, body: Buffer, cutAt: number | undefined): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const end = cutAt ?? body.length;
  let at = 0;
  const step = (): void => {
    if (at >= end) {
      if (cutAt === undefined) res.end();
      else res.socket?.destroy();
      return;
    }
    const next = Math.min(end, at + 4096);
    res.write(body.subarray(at, next), step);
    at = next;
  };
  step();
}

const bigSource = defineSource({
  name: 'source-big',
  version: '1.0.0',
  config: z.object({ base_url: z.string() }),
  http: (config) => ({
    baseUrl: config.base_url,
    caCertPem: testCaPem,
    retry: { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 6 },
  }),
  streams: () => [
    defineStream({
      name: 'big',
      primaryKey: [['id']],
      jsonSchema: { type: 'object', properties: { id: {} } },
      request: { path: 'big' },
      records: 'data',
    }),
  ],
});

describe('mid-body failures', () => {
  it('retries cut pages of a paginated stream without losing or doubling a record', async () => {
    api = await startToyApi({ cut: { users: 2 } });
    const output = await readSource(toySource, {
      config: { base_url: api.baseUrl, api_token: TOY_TOKEN },
      streams: ['users'],
    });
    expect(output.exitCode).toBe(0);
    expect(recordsOf(output, 'users')).toEqual(toyUsers);
    expect(timeline(output, 'users')).toEqual(['STARTED', 'RUNNING', 'R25', 'S25', 'COMPLETE']);
    expect(output.logs.filter((l) => l.message.includes('broke after'))).toHaveLength(2);
  });

  it('survives several cuts at random byte offsets of one large body (multi-byte characters included)', async () => {
    const body = Buffer.from(JSON.stringify({ data: bigRecords, total: bigRecords.length }));
    const random = seededRandom(11);
    const cuts = Array.from({ length: 4 }, () => Math.floor(random() * body.length));
    let attempt = 0;
    server = await startTestServer('trusted', (_req, res) => {
      sendCut(res, body, cuts[attempt++]);
    });
    const output = await readSource(bigSource, { config: { base_url: server.url } });
    expect(output.exitCode).toBe(0);
    expect(attempt).toBe(5);
    expect(recordsOf(output, 'big')).toEqual(bigRecords);
    const skipped = output.logs.flatMap((l) => /broke after (\d+) records/.exec(l.message)?.[1] ?? []).map(Number);
    expect(skipped).toHaveLength(4);
    expect(Math.max(...skipped)).toBeGreaterThan(0);
  });

  it('fails the stream (transient) rather than guess when the retried response has different records', async () => {
    const first = Buffer.from(JSON.stringify({ data: bigRecords }));
    const changed = Buffer.from(JSON.stringify({ data: [...bigRecords].reverse() }));
    let attempt = 0;
    server = await startTestServer('trusted', (_req, res) => {
      attempt++;
      sendCut(res, attempt === 1 ? first : changed, attempt === 1 ? Math.floor(first.length / 2) : undefined);
    });
    const output = await readSource(bigSource, { config: { base_url: server.url } });
    expect(output.exitCode).toBe(1);
    expect(attempt).toBe(2);
    const ids = recordsOf(output, 'big').map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(bigRecords.slice(0, ids.length).map((r) => r.id));
    expect(errorsOf(output)[0]).toMatchObject({ failure_type: 'transient_error' });
    expect(errorsOf(output)[0]?.message).toMatch(/returned different records when it was retried/);
  });

  it('fails the stream when a record moved across the cut on the retry, even though the last one emitted is the same', async () => {
    const first = Buffer.from(JSON.stringify({ data: bigRecords }));
    // Record 5 (emitted before the cut) and record 2500 (after it) trade places: skipping by count alone would emit
    // record 5 twice and never emit record 2500.
    const swapped = bigRecords.map((record, i) => (i === 5 ? bigRecords[2500] : i === 2500 ? bigRecords[5] : record));
    const changed = Buffer.from(JSON.stringify({ data: swapped }));
    let attempt = 0;
    server = await startTestServer('trusted', (_req, res) => {
      attempt++;
      sendCut(res, attempt === 1 ? first : changed, attempt === 1 ? Math.floor(first.length / 2) : undefined);
    });
    const output = await readSource(bigSource, { config: { base_url: server.url } });
    expect(attempt).toBe(2);
    const ids = recordsOf(output, 'big').map((r) => r.id);
    expect(ids.length).toBeGreaterThan(5);
    expect(ids.length).toBeLessThan(2500);
    expect(new Set(ids).size).toBe(ids.length);
    expect(output.exitCode).toBe(1);
    expect(errorsOf(output)[0]).toMatchObject({ failure_type: 'transient_error' });
    expect(errorsOf(output)[0]?.message).toMatch(/returned different records when it was retried/);
  });

  it('gives up after the retry budget when every attempt breaks', async () => {
    const body = Buffer.from(JSON.stringify({ data: bigRecords }));
    let attempts = 0;
    server = await startTestServer('trusted', (_req, res) => {
      attempts++;
      sendCut(res, body, 5000);
    });
    const output = await readSource(bigSource, { config: { base_url: server.url } });
    expect(output.exitCode).toBe(1);
    expect(attempts).toBe(6);
    expect(timeline(output, 'big')).toEqual([
      'STARTED',
      'RUNNING',
      expect.stringMatching(/^R\d+$/) as string,
      'INCOMPLETE',
      'ERROR:transient_error',
    ]);
    const ids = recordsOf(output, 'big').map((r) => r.id);
    expect(ids).toEqual(bigRecords.slice(0, ids.length).map((r) => r.id));
  });

  it('fails at once on a 2xx whose body is cleanly empty (not a cut), and retries one whose connection drops after the headers', async () => {
    let attempts = 0;
    server = await startTestServer('trusted', (_req, res) => {
      attempts++;
      res.writeHead(200, { 'content-type': 'application/json' }).end();
    });
    const empty = await readSource(bigSource, { config: { base_url: server.url } });
    expect(empty.exitCode).toBe(1);
    expect(attempts).toBe(1);
    expect(errorsOf(empty)[0]).toMatchObject({ failure_type: 'system_error' });
    expect(errorsOf(empty)[0]?.message).toMatch(/the response body is empty/);

    await server.close();
    attempts = 0;
    server = await startTestServer('trusted', (_req, res) => {
      attempts++;
      res.writeHead(200, { 'content-type': 'application/json' });
      if (attempts === 1) {
        res.flushHeaders();
        res.socket?.end();
      } else res.end(JSON.stringify({ data: bigRecords.slice(0, 3) }));
    });
    const dropped = await readSource(bigSource, { config: { base_url: server.url } });
    expect(dropped.exitCode).toBe(0);
    expect(attempts).toBe(2);
    expect(recordsOf(dropped, 'big')).toEqual(bigRecords.slice(0, 3));
  });
});
