import { afterEach, describe, expect, it } from 'vitest';
import {
  fixture,
  sendJson,
  startTestServer,
  testCaPem,
  type TestServer,
} from '../../test/support/https-test-server.js';
import { ConnectorError } from '../errors/index.js';
import { HttpClient } from './http-client.js';

const servers: TestServer[] = [];
const clients: HttpClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(kind: 'trusted' | 'untrusted'): Promise<TestServer> {
  const s = await startTestServer(kind, (_req, res) => {
    sendJson(res, 200, { ok: true });
  });
  servers.push(s);
  return s;
}

function client(baseUrl: string, caCertPem?: string): HttpClient {
  const c = new HttpClient({
    baseUrl,
    userAgent: 't/1',
    ...(caCertPem ? { caCertPem } : {}),
    retry: { maxAttempts: 3 },
  });
  clients.push(c);
  return c;
}

describe('HttpClient TLS', () => {
  it('trusts a server whose certificate comes from the extra CA', async () => {
    const s = await server('trusted');
    await expect(client(s.url, testCaPem).json({ path: '' })).resolves.toEqual({ ok: true });
  });

  it('rejects a certificate from a private CA that was not configured, naming the problem, without retrying', async () => {
    const s = await server('trusted');
    const error = await client(s.url)
      .json({ path: '' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      failureType: 'config_error',
      retryable: false,
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    expect((error as Error).message).toMatch(/TLS certificate check failed.*unable to verify the first certificate/);
    expect((error as Error).message).toContain('private CA');
    expect(s.requests).toHaveLength(0);
  });

  it('rejects a certificate from another CA even when an extra CA is configured', async () => {
    const s = await server('untrusted');
    await expect(client(s.url, testCaPem).json({ path: '' })).rejects.toMatchObject({
      failureType: 'config_error',
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('keeps verification on even when NODE_TLS_REJECT_UNAUTHORIZED=0 is set', async () => {
    const s = await server('untrusted');
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      await expect(client(s.url).json({ path: '' })).rejects.toMatchObject({ failureType: 'config_error' });
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
    }
  });

  it('refuses a CA certificate that is not PEM, and a base URL that is not http(s)', () => {
    expect(() => client('https://127.0.0.1:1', 'not a certificate')).toThrow(/not a valid PEM certificate/);
    const error = (() => {
      try {
        client('ftp://user:pw@example.com');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(ConnectorError.isInstance(error) && error.failureType).toBe('config_error');
    expect((error as Error).message).not.toContain('pw');
  });

  it('accepts the untrusted fixture CA when configured (the fixtures are what they claim)', async () => {
    const s = await server('untrusted');
    await expect(client(s.url, fixture('untrusted-ca.pem')).json({ path: '' })).resolves.toEqual({ ok: true });
  });
});
