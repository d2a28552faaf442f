import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { apiKeyAuth } from '../auth/index.js';
import { HttpClient } from './http-client.js';

const servers: TestServer[] = [];
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function redirectingTo(target: () => string, status = 302): Promise<TestServer> {
  const s = await startTestServer('trusted', (req, res) => {
    if (req.url?.startsWith('/api/moved')) {
      res.writeHead(status, { location: target() });
      res.end();
    } else sendJson(res, 200, { at: req.url });
  });
  servers.push(s);
  return s;
}

function clientFor(s: TestServer): HttpClient {
  client = new HttpClient({
    baseUrl: `${s.url}/api`,
    caCertPem: testCaPem,
    userAgent: 't/1',
    authenticator: apiKeyAuth({ header: 'X-API-Key', value: 'mb_secret' }),
  });
  return client;
}

const request = {
  path: 'moved',
  headers: { authorization: 'Bearer other-secret', cookie: 'metabase.SESSION=abc', 'x-trace': 'keep' },
};

describe('HttpClient redirects', () => {
  it('follows a same-origin redirect with credentials', async () => {
    const s = await redirectingTo(() => '/api/new-home');
    await expect(clientFor(s).json(request)).resolves.toEqual({ at: '/api/new-home' });
    expect(s.requests[1]?.headers['x-api-key']).toBe('mb_secret');
  });

  it('drops auth headers and cookies when a redirect changes origin', async () => {
    const other = await startTestServer('trusted', (req, res) => {
      sendJson(res, 200, { elsewhere: req.url });
    });
    servers.push(other);
    const s = await redirectingTo(() => `${other.url}/landing`, 307);
    await expect(clientFor(s).json(request)).resolves.toEqual({ elsewhere: '/landing' });
    expect(s.requests[0]?.headers['x-api-key']).toBe('mb_secret');
    const seen = other.requests[0]?.headers ?? {};
    expect(seen['x-api-key']).toBeUndefined();
    expect(seen.authorization).toBeUndefined();
    expect(seen.cookie).toBeUndefined();
    expect(seen['x-trace']).toBe('keep');
  });

  it('refuses a redirect from https to http and never contacts the http server', async () => {
    const plain = await startTestServer('plain', (_req, res) => {
      sendJson(res, 200, {});
    });
    servers.push(plain);
    const s = await redirectingTo(() => `${plain.url}/api/x`);
    await expect(clientFor(s).json(request)).rejects.toMatchObject({
      failureType: 'config_error',
      message: expect.stringMatching(/from https to http/) as unknown,
    });
    expect(plain.requests).toHaveLength(0);
  });

  it('stops after 5 redirects', async () => {
    const s = await redirectingTo(() => '/api/moved-again');
    await expect(clientFor(s).json(request)).rejects.toMatchObject({
      failureType: 'system_error',
      message: expect.stringMatching(/5 redirects/) as unknown,
    });
    expect(s.requests).toHaveLength(6);
  });

  it.for([307, 308])(
    'refuses a %i to another origin when it would send the body (a login) there again',
    async (status) => {
      const other = await startTestServer('trusted', (_req, res) => {
        sendJson(res, 200, { id: 'session' });
      });
      servers.push(other);
      const s = await redirectingTo(() => `${other.url}/elsewhere/session?token=tok_in_query`, status);
      const login = {
        ...request,
        method: 'POST' as const,
        body: { username: 'ann@example.com', password: 'pw_secret' },
      };
      const failure = await clientFor(s)
        .json(login)
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toMatchObject({ failureType: 'config_error', retryable: false });
      const message = (failure as Error).message;
      expect(message).toContain(`to another origin (${other.origin})`);
      expect(message).toMatch(/never forwards credentials to another origin/);
      expect(message).not.toMatch(/elsewhere|tok_in_query/);
      expect(other.requests).toHaveLength(0);
      expect(s.requests.map((r) => r.body)).toEqual(['{"username":"ann@example.com","password":"pw_secret"}']);
    },
  );

  it('keeps the body on a 307 within the same origin', async () => {
    const s = await redirectingTo(() => '/api/login-here', 307);
    await clientFor(s).json({ ...request, method: 'POST', body: { q: 1 } });
    expect(s.requests.map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual([
      'POST /api/moved {"q":1}',
      'POST /api/login-here {"q":1}',
    ]);
  });

  it('follows a 303 to another origin as a GET without the body', async () => {
    const other = await startTestServer('trusted', (req, res) => {
      sendJson(res, 200, { elsewhere: req.url });
    });
    servers.push(other);
    const s = await redirectingTo(() => `${other.url}/result`, 303);
    await expect(clientFor(s).json({ ...request, method: 'POST', body: { q: 1 } })).resolves.toEqual({
      elsewhere: '/result',
    });
    expect(other.requests.map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual(['GET /result ']);
  });

  it('turns a POST into a GET on 303', async () => {
    const s = await redirectingTo(() => '/api/result', 303);
    await clientFor(s).json({ ...request, method: 'POST', body: { q: 1 } });
    expect(s.requests.map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual([
      'POST /api/moved {"q":1}',
      'GET /api/result ',
    ]);
  });
});

describe('HttpClient request headers', () => {
  it('sends Host (with the port) and, for a URL with userinfo, Basic credentials, beside its own headers', async () => {
    const s = await startTestServer('trusted', (_req, res) => {
      sendJson(res, 200, {});
    });
    servers.push(s);
    const port = new URL(s.url).port;
    client = new HttpClient({
      baseUrl: `https://us%40er:p%3Ass@127.0.0.1:${port}/api`,
      caCertPem: testCaPem,
      userAgent: 't/1',
    });
    await client.json({ path: 'x', headers: { 'x-trace': 'keep' } });
    const seen = s.requests[0]?.headers ?? {};
    expect(seen.host).toBe(`127.0.0.1:${port}`);
    expect(seen.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
    expect([seen['x-trace'], seen['user-agent'], seen.accept, seen['accept-encoding']]).toEqual([
      'keep',
      't/1',
      'application/json',
      'gzip, deflate, br',
    ]);
    await client.json({ path: 'x', headers: { 'Accept-Encoding': 'identity' } }); // a request's own header wins
    expect(s.requests[1]?.headers['accept-encoding']).toBe('identity');
  });
});
