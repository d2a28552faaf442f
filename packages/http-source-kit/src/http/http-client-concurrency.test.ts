import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test/support/close-after-each.js';
import { sendJson, startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { HttpClient } from './http-client.js';

let server: TestServer | undefined;
let client: HttpClient | undefined;
const track = closeAfterEach();

describe('HttpClient concurrency limit', () => {
  it('never has more than maxConcurrency requests at the server', async () => {
    const total = 10;
    const limit = 3;
    const held: ServerResponse[] = [];
    let answered = 0;
    let maxSeen = 0;
    // The server answers only when it holds as many requests as could possibly be in flight,
    // so without a limiter all 10 would pile up here.
    server = track(
      await startTestServer('trusted', (_req, res) => {
        held.push(res);
        maxSeen = Math.max(maxSeen, held.length);
        if (held.length >= Math.min(limit, total - answered)) {
          for (const r of held.splice(0)) {
            answered++;
            sendJson(r, 200, { n: answered });
          }
        }
      }),
    );
    client = track(
      new HttpClient({ baseUrl: server.url, caCertPem: testCaPem, userAgent: 't/1', maxConcurrency: limit }),
    );
    const http = client;
    const results = await Promise.all(Array.from({ length: total }, (_, i) => http.json({ path: `r/${i}` })));
    expect(results).toHaveLength(total);
    expect(maxSeen).toBe(limit);
  });

  it('holds a slot until a streamed body is consumed or destroyed', async () => {
    server = track(
      await startTestServer('trusted', (_req, res) => {
        sendJson(res, 200, { big: 'x'.repeat(1000) });
      }),
    );
    client = track(new HttpClient({ baseUrl: server.url, caCertPem: testCaPem, userAgent: 't/1', maxConcurrency: 1 }));
    const first = await client.send({ path: 'a' });
    let secondDone = false;
    const second = client.json({ path: 'b' }).then(() => (secondDone = true));
    // Without the limit, 'b' reaches a loopback server well within this wait (it can only pass falsely, not fail).
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(secondDone).toBe(false);
    expect(server.requests).toHaveLength(1);
    first.body.destroy();
    await second;
    expect(server.requests.map((r) => r.path)).toEqual(['/a', '/b']);
  });
});
