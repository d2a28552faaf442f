// A server that accepts connections and never answers: the first-byte wait applies once, then the read ends with one
// transient_error for the run; streams still to come do not wait again, and a LOG line tells a person it is waiting.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSource, defineStream } from '../src/index.js';
import { readSource } from '../src/testing/index.js';
import { sendJson, startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';
import { errorsOf, timeline } from './support/output-timeline.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const names = ['alpha', 'beta', 'gamma'];
const source = (streamConcurrency: number) =>
  defineSource({
    name: 'source-silent',
    version: '1.0.0',
    config: z.object({ base_url: z.string() }),
    http: (config) => ({
      baseUrl: config.base_url,
      caCertPem: testCaPem,
      firstByteTimeoutMs: 1_000,
      idleTimeoutMs: 200,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
    }),
    streamConcurrency,
    streams: () =>
      names.map((name) =>
        defineStream({
          name,
          primaryKey: [['id']],
          jsonSchema: { type: 'object', properties: { id: { type: 'integer' } } },
          request: { path: name },
          records: { path: '', expect: 'array' },
        }),
      ),
  });

describe('a server that accepts the connection and never answers', () => {
  it.each([1, 3])(
    'ends the read once (%i streams at a time): one request per stream in flight, one ERROR trace, INCOMPLETE pointers',
    async (concurrency) => {
      server = await startTestServer('trusted', () => undefined);
      const output = await readSource(source(concurrency), { config: { base_url: server.url } });

      expect(output.exitCode).toBe(1);
      // No attempt is repeated, and no stream starts a request after the cause.
      expect(server.requests.length).toBe(concurrency);
      const errors = errorsOf(output);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ failure_type: 'transient_error' });
      expect(errors[0]?.stream_descriptor).toBeUndefined();
      expect(errors[0]?.message).toMatch(
        /the server accepted the connection but did not answer \(no answer within 1 s\), nor any other request meanwhile/,
      );
      for (const name of names) expect(timeline(output, name).at(-1), name).toBe('INCOMPLETE');
      const pointers = output.logs.filter(
        (l) => l.level === 'WARN' && l.message.includes('stopped: the read ended because of an earlier error'),
      );
      expect(pointers).toHaveLength(names.length);
      expect(
        output.logs.some(
          (l) =>
            l.level === 'INFO' &&
            /^Still waiting for the server to answer GET https:\/\/127\.0\.0\.1:\d+\/alpha: 100 ms so far/.test(
              l.message,
            ),
        ),
      ).toBe(true);
    },
  );

  it('one endpoint that never answers fails its stream alone when the server answers the others', async () => {
    server = await startTestServer('trusted', (req, res) => {
      if (req.url === '/beta') return;
      sendJson(res, 200, [{ id: 1 }]);
    });
    const output = await readSource(source(3), { config: { base_url: server.url } });

    expect(output.exitCode).toBe(1);
    expect(timeline(output, 'alpha').at(-1)).toBe('COMPLETE');
    expect(timeline(output, 'gamma').at(-1)).toBe('COMPLETE');
    expect(timeline(output, 'beta')).toEqual(['STARTED', 'INCOMPLETE', 'ERROR:transient_error']);
    expect(server.requests.filter((r) => r.path === '/beta')).toHaveLength(1);
    expect(errorsOf(output)[0]?.message).toMatch(
      /It answered other requests meanwhile, so this request is slow rather than lost/,
    );
  });
});
