// A list endpoint that answers 200 with an error object: a stream that declares `expect: 'array'` fails (system_error
// naming the stream, the path and the start of the body, masked) instead of emitting the error as a record.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSource, defineStream, type RecordPath, type RecordsSpec } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { sendJson, startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';
import { errorsOf, recordsOf, timeline } from './support/output-timeline.js';

const TOKEN = 'tok-shape-secret-77';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A source of two streams over one server: `items` (records as given) and `fine` (a good array). */
function sourceWith(records: RecordPath | RecordsSpec) {
  return defineSource({
    name: 'source-shape',
    version: '1.0.0',
    config: z.object({ base_url: z.string(), token: z.string().meta({ airbyte_secret: true }) }),
    http: (config) => ({ baseUrl: config.base_url, caCertPem: testCaPem, retry: { baseDelayMs: 1, maxDelayMs: 2 } }),
    streams: () =>
      ['items', 'fine'].map((name) =>
        defineStream({
          name,
          jsonSchema: { type: 'object', properties: {} },
          request: { path: name },
          ...(name === 'items' ? { records } : {}),
        }),
      ),
  });
}

async function readAgainst(records: RecordPath | RecordsSpec, itemsBody: unknown) {
  server = await startTestServer('trusted', (req, res) => {
    sendJson(res, 200, req.url === '/items' ? itemsBody : [{ id: 1 }]);
  });
  const output = await readSource(sourceWith(records), { config: { base_url: server.url, token: TOKEN } });
  return { output, requests: server.requests.filter((r) => r.path === '/items').length };
}

const errorBody = { message: `Too many open connections (token ${TOKEN})` };

describe('records: { path, expect }', () => {
  it("fails a stream whose body holds an object where 'array' is declared, with the path and the body's start, masked", async () => {
    const { output, requests } = await readAgainst({ path: '', expect: 'array' }, errorBody);
    expect(output.exitCode).toBe(1);
    expect(timeline(output, 'items')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:system_error']);
    expect(timeline(output, 'fine')).toEqual(['STARTED', 'RUNNING', 'R1', 'S1', 'COMPLETE']);
    const [error] = errorsOf(output);
    expect(error?.message).toMatch(
      /^Stream "items": the response to GET https:\/\/127\.0\.0\.1:\d+\/items could not be read as records at \$: expected an array at \$, found an object\./,
    );
    expect(error?.message).toContain('The response began: {"message":"Too many open connections (token ****)"}');
    expect(output.text).not.toContain(TOKEN);
    expect(requests).toBe(1); // a wrong shape is not retried
  });

  it('checks the value at a nested path too', async () => {
    const { output } = await readAgainst({ path: 'data', expect: 'array' }, { data: errorBody, total: 1 });
    expect(timeline(output, 'items')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:system_error']);
    expect(errorsOf(output)[0]?.message).toMatch(
      /at \$\.data: expected an array at \$\.data, found an object\. The response began: \{"data":\{"message"/,
    );
  });

  it("reads arrays and null (no records) where 'array' is declared", async () => {
    expect(
      recordsOf(
        (await readAgainst({ path: 'data', expect: 'array' }, { data: [{ id: 1 }, { id: 2 }] })).output,
        'items',
      ),
    ).toEqual([{ id: 1 }, { id: 2 }]);
    await server?.close();
    const { output } = await readAgainst({ path: 'data', expect: 'array' }, { data: null });
    expect(output.exitCode).toBe(0);
    expect(recordsOf(output, 'items')).toEqual([]);
  });

  it("fails an array where 'object' is declared, and keeps a bare path's old behaviour (an object is one record)", async () => {
    const object = await readAgainst({ path: '', expect: 'object' }, [{ id: 1 }]);
    expect(errorsOf(object.output)[0]?.message).toMatch(/expected an object at \$, found an array/);
    await server?.close();
    const bare = await readAgainst('', errorBody);
    expect(bare.output.exitCode).toBe(0);
    expect(recordsOf(bare.output, 'items')).toHaveLength(1);
  });
});
