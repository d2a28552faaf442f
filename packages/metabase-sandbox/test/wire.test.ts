// What reaches the wire: gzip as Metabase sends it, cuts that fall at any byte (compressed or not), faults on every
// route, and answers held back before their first byte.
import { request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { constants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';

interface RawResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body bytes as they came, before any decoding: all of them, or those before the cut. */
  bytes: Buffer;
  complete: boolean;
}

/** One request; resolves with whatever arrived (a cut body included), rejects only when no headers came. */
function rawCall(
  sandbox: Sandbox,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  json?: unknown,
): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, sandbox.url),
      {
        method,
        headers: { ...headers, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
        ca: sandbox.caPem,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        const done = (): void => {
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            bytes: Buffer.concat(chunks),
            complete: res.complete,
          });
        };
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', done);
        res.on('close', done);
      },
    );
    req.on('error', reject);
    req.end(json === undefined ? undefined : JSON.stringify(json));
  });
}

/** Inflates a gzip prefix as far as it goes (a cut stream has no end; one cut inside the 10-byte header has nothing). */
function inflatePrefix(bytes: Buffer): string {
  return bytes.length < 10 ? '' : gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
}

/** Tries `attempt` up to 3 times (a flaky sandbox at rate 1 fails a request twice, then answers). */
async function withinThree<T>(
  attempt: () => Promise<T>,
  ok: (result: T) => boolean,
): Promise<{ result: T | undefined; tries: number }> {
  for (let tries = 1; ; tries++) {
    const result = await attempt().catch(() => undefined);
    if ((result !== undefined && ok(result)) || tries === 3) return { result, tries };
  }
}

describe('gzip, as Metabase sends it', () => {
  let sandbox: Sandbox;
  let key: Record<string, string>;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 11, gzip: true });
    key = { 'X-API-Key': sandbox.credentials.adminApiKey };
  });
  afterAll(() => sandbox.stop());

  test('a body over 200 characters is gzipped and chunked for a client that accepts gzip, and is the same JSON', async () => {
    const plain = await rawCall(sandbox, 'card', key);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const path of ['card', 'collection', 'dashboard/1', 'user?limit=5&offset=0']) {
      const zipped = await rawCall(sandbox, path, { ...key, 'Accept-Encoding': 'gzip, deflate, br' });
      expect(zipped.headers['content-encoding'], path).toBe('gzip');
      expect(zipped.headers['content-length'], path).toBeUndefined();
      expect(zipped.headers.vary, path).toBe('Accept-Encoding');
      const unzipped = (await rawCall(sandbox, path, key)).bytes.toString('utf8');
      expect(gunzipSync(zipped.bytes).toString('utf8'), path).toBe(unzipped);
    }
  });

  test('small bodies, errors and clients that refuse gzip get plain bodies', async () => {
    expect(
      (await rawCall(sandbox, 'health', { 'Accept-Encoding': 'gzip' })).headers['content-encoding'],
    ).toBeUndefined();
    expect((await rawCall(sandbox, 'card', { 'Accept-Encoding': 'gzip' })).status).toBe(401);
    expect((await rawCall(sandbox, 'card', { 'Accept-Encoding': 'gzip' })).headers['content-encoding']).toBeUndefined();
    expect(
      (await rawCall(sandbox, 'card', { ...key, 'Accept-Encoding': 'gzip;q=0, identity' })).headers['content-encoding'],
    ).toBeUndefined();
    expect((await rawCall(sandbox, 'card', { ...key, 'Accept-Encoding': '*' })).headers['content-encoding']).toBe(
      'gzip',
    );
  });
});

describe('flaky: faults on every route, cuts at any byte', () => {
  let sandbox: Sandbox;
  let key: Record<string, string>;
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 11, gzip: true, faults: 'flaky', faultRate: 1, retryAfterSeconds: 0 });
    key = { 'X-API-Key': sandbox.credentials.adminApiKey };
  });
  afterAll(() => sandbox.stop());

  test('logins, logouts, user/current, health and session properties fail too, and get through within 3 attempts', async () => {
    const credentials = { username: sandbox.credentials.username, password: sandbox.credentials.password };
    let token = '';
    for (const [method, path, json] of [
      ['POST', 'session', credentials],
      ['GET', 'user/current', undefined],
      ['GET', 'health', undefined],
      ['GET', 'session/properties', undefined],
    ] as const) {
      const { result, tries } = await withinThree(
        () => rawCall(sandbox, path, key, method, json),
        (r) => r.complete && r.status === 200,
      );
      expect(result?.status, `${method} ${path}`).toBe(200);
      expect(tries, `${method} ${path}`).toBe(3); // rate 1: two faults, then the answer
      if (path === 'session') token = (JSON.parse(result?.bytes.toString('utf8') ?? '{}') as { id: string }).id;
    }
    // A logout whose answer was lost (the connection dropped after Metabase ended the session) is answered 404 when
    // sent again, as Metabase answers a logout of an unknown session.
    const logout = await withinThree(
      () => rawCall(sandbox, 'session', { 'X-Metabase-Session': token }, 'DELETE'),
      (r) => r.complete && (r.status === 204 || r.status === 404),
    );
    expect([204, 404]).toContain(logout.result?.status);
    expect(logout.tries).toBe(3);
    const stats = sandbox.stats();
    expect(stats.faultsInjected).toBe(10);
    expect(Object.values(stats.faultsByKind).reduce((a, b) => a + b, 0)).toBe(10);
    expect(stats.faultsByRoute).toEqual({
      'POST /api/session': 2,
      'GET /api/user/current': 2,
      'GET /api/health': 2,
      'GET /api/session/properties': 2,
      'DELETE /api/session': 2,
    });
  });

  test('a cut body is a prefix of the real one, cut at a different byte from request to request (gzip or not)', async () => {
    sandbox.setFaults('none');
    // A streamed body of many pieces and a body of one piece.
    const paths = ['card', 'dashboard/1'];
    const full = new Map<string, Buffer>();
    for (const path of paths) full.set(path, (await rawCall(sandbox, path, key)).bytes);
    sandbox.setFaults('flaky', 1);
    const cuts = new Map<string, Set<number>>();
    for (let n = 0; n < 40; n++) {
      for (const path of paths) {
        for (const zipped of [false, true]) {
          const result = await rawCall(
            sandbox,
            `${path}?n=${n}&z=${String(zipped)}`,
            zipped ? { ...key, 'Accept-Encoding': 'gzip' } : key,
          ).catch(() => undefined);
          if (result === undefined || result.complete || result.status !== 200) continue;
          const bytes = zipped ? Buffer.from(inflatePrefix(result.bytes), 'utf8') : result.bytes;
          const whole = full.get(path) ?? Buffer.alloc(0);
          // Inflated text ends where the cut left it, maybe inside a character: compare bytes up to that character.
          const end = zipped ? Math.max(0, bytes.length - 3) : bytes.length;
          expect(bytes.subarray(0, end).equals(whole.subarray(0, end)), `${path} gzip=${String(zipped)}`).toBe(true);
          expect(bytes.length).toBeLessThan(whole.length);
          const key2 = `${path} ${String(zipped)}`;
          cuts.set(key2, (cuts.get(key2) ?? new Set()).add(bytes.length));
        }
      }
    }
    for (const path of paths)
      for (const zipped of [false, true])
        expect(cuts.get(`${path} ${String(zipped)}`)?.size ?? 0, `${path} gzip=${String(zipped)}`).toBeGreaterThan(2);
    expect(sandbox.stats().faultsByKind.cut).toBeGreaterThan(8);
  }, 120_000);
});

describe('a slow first byte', () => {
  test('a delayed route answers after its delay while other routes answer at once; a route set to never keeps the request open', async () => {
    const sandbox = await startSandbox({ seed: 11, firstByteDelayMs: { 'GET /api/card': 600 } });
    try {
      const key = { 'X-API-Key': sandbox.credentials.adminApiKey };
      const order: string[] = [];
      const started = Date.now();
      let cardAfterMs = 0;
      await Promise.all([
        rawCall(sandbox, 'card', key).then((r) => {
          cardAfterMs = Date.now() - started;
          order.push(`card ${r.status}`);
        }),
        rawCall(sandbox, 'database', key).then((r) => order.push(`database ${r.status}`)),
      ]);
      expect(order).toEqual(['database 200', 'card 200']);
      expect(cardAfterMs).toBeGreaterThanOrEqual(590);

      sandbox.setFirstByteDelay('GET /api/user/current', Infinity);
      const pending = rawCall(sandbox, 'user/current', key).then(
        () => 'answered',
        () => 'connection closed',
      );
      const early = await Promise.race([
        pending,
        new Promise((resolve) =>
          setTimeout(() => {
            resolve('still waiting');
          }, 800),
        ),
      ]);
      expect(early).toBe('still waiting');
      await sandbox.stop();
      expect(await pending).toBe('connection closed');
    } finally {
      await sandbox.stop();
    }
  });
});
