// `check` against the sandbox over HTTPS: one cheap request that says which credential worked, and failures that
// say what to fix (https, expired token, wrong password, unreachable host, untrusted certificate, wrong URL).
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { sandboxCerts, startSandbox, untrustedCaFile, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { checkSource } from '@mb-airbyte/http-source-kit/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expiredTokenMessage } from '../src/auth/session-messages.js';
import { missingCredentialMessage } from '../src/choose-credential.js';
import type { MetabaseConfigInput } from '../src/index.js';
import { fastSource, sandboxConfig } from './support/sandbox-source.js';

const source = fastSource();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 5 });
});
afterAll(async () => {
  await sandbox.stop();
});
beforeEach(() => {
  sandbox.resetStats();
});

async function check(config: MetabaseConfigInput): Promise<{ status?: string; message?: string }> {
  const output = await checkSource(source, config);
  expect(output.exitCode).toBe(0);
  return { status: output.connectionStatus?.status, message: output.connectionStatus?.message };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A loopback HTTPS server (sandbox certificates) answering every request with one fixed 200; counts requests. */
async function fixedAnswer(
  test: { onTestFinished: (fn: () => Promise<void>) => void },
  contentType: string,
  body: string,
): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const { cert, key } = sandboxCerts();
  const server = createHttpsServer({ cert, key }, (_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': contentType }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  test.onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  );
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, requests: () => requests };
}

describe('check succeeds and says how', () => {
  it('with an admin API key, in a single GET /api/user/current', async () => {
    const result = await check(sandboxConfig(sandbox, 'admin_api_key'));
    expect(result.status).toBe('SUCCEEDED');
    expect(result.message).toMatch(
      new RegExp(`^Connected to ${sandbox.url.replaceAll('.', '\\.')} as the API key user ".+" using an API key\\.$`),
    );
    expect(sandbox.stats().requests).toBe(1);
    expect(sandbox.stats().requestsByRoute['GET /api/user/current']).toBe(1);
  });

  it('with a non-admin API key, warning that the admin streams will fail', async () => {
    const result = await check(sandboxConfig(sandbox, 'user_api_key'));
    expect(result.status).toBe('SUCCEEDED');
    expect(result.message).toContain('using an API key');
    expect(result.message).toContain('not an administrator, so the users and permission_groups streams will fail');
  });

  it('with username and password: as the user, one login and one logout', async () => {
    const result = await check(sandboxConfig(sandbox, 'username_password'));
    expect(result).toEqual({
      status: 'SUCCEEDED',
      message: `Connected to ${sandbox.url} as ${sandbox.credentials.username} using username and password (one login, logged out at the end).`,
    });
    expect([sandbox.stats().logins, sandbox.stats().logouts]).toEqual([1, 1]);
  });

  it('with a session token', async () => {
    const result = await check(sandboxConfig(sandbox, 'session_token'));
    expect(result.message).toBe(
      `Connected to ${sandbox.url} as ${sandbox.credentials.username} using the session token.`,
    );
    expect(sandbox.stats().logins).toBe(0);
  });

  it('with an expired session token and a password: says the token had expired and a login replaced it', async () => {
    const config = sandboxConfig(sandbox, 'session_token', {
      username: sandbox.credentials.username,
      password: sandbox.credentials.password,
    });
    sandbox.expireAllSessions();
    const result = await check(config);
    expect(result.status).toBe('SUCCEEDED');
    expect(result.message).toContain(
      'the session token had expired, so the connector logged in with username and password',
    );
  });

  it('with any accepted spelling of the URL (no /api suffix)', async () => {
    const result = await check(sandboxConfig(sandbox, 'admin_api_key', { instance_api_url: sandbox.origin }));
    expect(result.status).toBe('SUCCEEDED');
  });
});

describe('check fails with what to fix', () => {
  it.each([
    ['an http URL', { instance_api_url: 'http://127.0.0.1:3000' }, /must start with https:\/\//],
    [
      'no credentials',
      { api_key: '', username: undefined, password: undefined },
      new RegExp(missingCredentialMessage.slice(0, 40)),
    ],
    [
      'a CA certificate that is not PEM',
      { ca_certificate: 'not a certificate' },
      /ca_certificate must be a PEM certificate/,
    ],
  ])('%s: no request at all', async (_case, change, message) => {
    const result = await check({ ...sandboxConfig(sandbox, 'admin_api_key'), ...change });
    expect(result.status).toBe('FAILED');
    expect(result.message).toMatch(message);
    expect(sandbox.stats().requests).toBe(0);
  });

  it('an expired session token alone', async () => {
    const config = sandboxConfig(sandbox, 'session_token');
    sandbox.expireAllSessions();
    expect(await check(config)).toEqual({ status: 'FAILED', message: expiredTokenMessage });
  });

  it('a wrong password: one login attempt, the password never echoed', async () => {
    const output = await checkSource(
      source,
      sandboxConfig(sandbox, 'username_password', { password: 'wrong-password-123' }),
    );
    expect(output.connectionStatus?.status).toBe('FAILED');
    expect(output.connectionStatus?.message).toContain(
      `Metabase rejected the username or password of ${sandbox.credentials.username} (HTTP 401)`,
    );
    expect(output.text).not.toContain('wrong-password-123');
    expect(sandbox.stats().requestsByRoute['POST /api/session']).toBe(1);
  });

  it('a deactivated account', async () => {
    const { deactivatedUsername, deactivatedPassword } = sandbox.credentials;
    const result = await check(
      sandboxConfig(sandbox, 'username_password', { username: deactivatedUsername, password: deactivatedPassword }),
    );
    expect(result.status).toBe('FAILED');
    expect(result.message).toContain('deactivated');
  });

  it('a revoked API key', async () => {
    const result = await check(sandboxConfig(sandbox, 'admin_api_key', { api_key: 'mb_not-a-key-that-exists' }));
    expect(result.status).toBe('FAILED');
    expect(result.message).toContain('Metabase refused the API key');
  });

  it('a port nothing listens on (ECONNREFUSED)', async () => {
    const port = await closedPort();
    const result = await check(
      sandboxConfig(sandbox, 'admin_api_key', { instance_api_url: `https://127.0.0.1:${port}` }),
    );
    expect(result.status).toBe('FAILED');
    expect(result.message).toContain(`Could not reach Metabase at 127.0.0.1:${port}: the connection was refused`);
    expect(result.message).toContain('instance_api_url');
  });

  it.each([
    ['no ca_certificate', undefined],
    ['a CA that did not sign the server certificate', readFileSync(untrustedCaFile, 'utf8')],
  ])('an untrusted certificate (%s): names the TLS error and suggests ca_certificate', async (_case, ca) => {
    const config = { ...sandboxConfig(sandbox, 'admin_api_key'), ca_certificate: ca };
    const result = await check(config);
    expect(result.status).toBe('FAILED');
    expect(result.message).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ could not be verified \(.*[A-Z_]{8,}.*\)/);
    expect(result.message).toContain('ca_certificate');
    expect(sandbox.stats().requests).toBe(0);
  });

  it.for([
    [
      'an HTML page',
      'text/html; charset=utf-8',
      '<!doctype html><html><body>Welcome</body></html>',
      /answered an HTML page \(text\/html/,
    ],
    ['plain text', 'text/plain', 'OK', /answered text that is not JSON \(text\/plain\)/],
    ['JSON that is not an object', 'application/json', '[]', /answered JSON that is not a Metabase user/],
    ['an empty body', 'application/json', '', /answered an empty body/],
  ] as const)(
    'a 200 with %s instead of a user: not a Metabase API, in one request',
    async ([, contentType, body, answer], test) => {
      const server = await fixedAnswer(test, contentType, body);
      const result = await check(sandboxConfig(sandbox, 'admin_api_key', { instance_api_url: server.url }));
      expect(result.status).toBe('FAILED');
      expect(result.message).toMatch(answer);
      expect(result.message).toContain(`GET ${server.url}user/current answered`);
      expect(result.message).toContain('does not look like a Metabase API');
      expect(result.message).toContain('https://<host>/api/');
      expect(server.requests()).toBe(1);
    },
  );

  it('a URL that is not a Metabase API', async () => {
    const result = await check(
      sandboxConfig(sandbox, 'admin_api_key', { instance_api_url: `${sandbox.origin}/not-metabase` }),
    );
    expect(result.status).toBe('FAILED');
    expect(result.message).toContain('instance_api_url does not point to a Metabase API');
  });
});
