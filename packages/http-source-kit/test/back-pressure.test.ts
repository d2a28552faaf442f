// A slow consumer slows the whole pipeline down to the server: stdout back-pressure stops the body being read,
// so memory stays bounded whatever the response size.
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { MessageWriter } from '@mb-airbyte/airbyte-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSource, defineStream, runSource } from '../src/index.js';
import { startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const RECORDS = 200_000;
const PER_CHUNK = 1000;
const record = (id: number): string => `{"id":${id},"name":"record number ${id}","padding":"${'x'.repeat(80)}"}`;

/** Streams `{"data":[…]}` chunk by chunk, waiting for 'drain' whenever the socket is full. */
function streamHuge(res: ServerResponse, progress: { bytes: number; blocked: boolean }): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  let id = 0;
  const pump = (): void => {
    while (id < RECORDS) {
      const rows: string[] = [];
      for (let i = 0; i < PER_CHUNK && id < RECORDS; i++) rows.push(record(id++));
      const text = `${id === PER_CHUNK ? '{"data":[' : ','}${rows.join(',')}${id === RECORDS ? ']}' : ''}`;
      progress.bytes += Buffer.byteLength(text);
      if (!res.write(text)) {
        progress.blocked = true;
        res.once('drain', () => {
          progress.blocked = false;
          pump();
        });
        return;
      }
    }
    res.end();
  };
  pump();
}

/** A writable whose writes complete only while it is released. */
function gatedOutput() {
  let released = false;
  const held: (() => void)[] = [];
  let lines = 0;
  const stream = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      lines += chunk.toString('utf8').split('\n').length - 1;
      if (released) callback();
      else held.push(callback);
    },
  });
  return {
    stream,
    lines: () => lines,
    release: () => {
      released = true;
      for (const callback of held.splice(0)) callback();
    },
  };
}

/**
 * Waits (at most 10 s) until the server is blocked on a full socket and has sent nothing more for 30 polls in a row.
 * Without back-pressure the client would read everything into memory: the server would finish instead of stalling.
 */
async function untilStalled(progress: { bytes: number; blocked: boolean }): Promise<void> {
  let still = 0;
  let last = -1;
  for (let i = 0; i < 1000 && still < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    still = progress.blocked && progress.bytes === last ? still + 1 : 0;
    last = progress.bytes;
  }
  if (still < 30) throw new Error('the server never stalled: nothing pushed back');
}

describe('back-pressure', () => {
  it('stops reading the response while stdout is blocked, and finishes when it drains', async () => {
    const progress = { bytes: 0, blocked: false };
    server = await startTestServer('trusted', (_req, res) => {
      streamHuge(res, progress);
    });
    const source = defineSource({
      name: 'source-huge',
      version: '1.0.0',
      config: z.object({ base_url: z.string() }),
      http: (config) => ({ baseUrl: config.base_url, caCertPem: testCaPem }),
      streams: () => [
        defineStream({
          name: 'huge',
          jsonSchema: { type: 'object', properties: {} },
          request: { path: 'huge' },
          records: 'data',
        }),
      ],
    });
    const output = gatedOutput();
    const catalog = {
      streams: [
        {
          stream: { name: 'huge', json_schema: {}, supported_sync_modes: ['full_refresh'] },
          sync_mode: 'full_refresh',
          destination_sync_mode: 'append',
        },
      ],
    };
    const run = runSource(source, {
      command: 'read',
      config: { base_url: server.url },
      catalog,
      writer: new MessageWriter(output.stream),
    });

    await untilStalled(progress);
    const sentWhileBlocked = progress.bytes;
    let total = '{"data":[]}'.length + RECORDS - 1;
    for (let id = 0; id < RECORDS; id++) total += record(id).length;
    console.log(
      `server had sent ${sentWhileBlocked} of ${total} bytes when it blocked; ${output.lines()} lines written`,
    );
    expect(sentWhileBlocked).toBeLessThan(total / 2);
    expect(output.lines()).toBeGreaterThan(0);
    expect(output.lines()).toBeLessThan(RECORDS / 4);

    output.release();
    expect(await run).toBe(0);
    expect(progress.bytes).toBe(total);
    // STARTED, RUNNING, records, STATE, COMPLETE plus three LOG lines (the stream's two, the read's summary).
    expect(output.lines()).toBe(RECORDS + 7);
    // The stall detection polls every 10 ms; on a loaded 2-core machine those polls alone can take longer than the
    // default 20 s.
  }, 60_000);
});
