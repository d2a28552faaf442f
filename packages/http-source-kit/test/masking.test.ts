// Secrets never reach the output: config secrets and tokens obtained at run time, in messages, causes, stacks and
// URLs, raw or encoded.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorError, defineSource, defineStream, type Authenticator } from '../src/index.js';
import { checkSource, readSource, type SourceOutput } from '../src/testing/index.js';
import { sendJson, startTestServer, testCaPem, type TestServer } from './support/https-test-server.js';
import { errorsOf } from './support/output-timeline.js';

const PASSWORD = 'p@ss w/rd+"x"&';
const API_KEY = 'key-0123456789';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An authenticator that obtains a token only when the first request is sent, as a login would. */
function runtimeTokenAuth(): Authenticator & { token: () => string | undefined } {
  let token: string | undefined;
  return {
    headers: () => {
      token ??= `session-${Math.random().toString(36).slice(2)}-token`;
      return Promise.resolve({ 'x-session': token });
    },
    secrets: () => (token === undefined ? [] : [token]),
    describe: () => 'test session',
    token: () => token,
  };
}

function leakySource(auth: ReturnType<typeof runtimeTokenAuth>, baseUrl: string) {
  return defineSource({
    name: 'source-leaky',
    version: '1.0.0',
    config: z.object({
      base_url: z.string(),
      password: z.string().meta({ airbyte_secret: true }),
      nested: z.object({ api_key: z.string().meta({ airbyte_secret: true }) }),
    }),
    http: (config) => ({ baseUrl: config.base_url, caCertPem: testCaPem }),
    authenticator: () => auth,
    check: ({ config }) => {
      throw new ConnectorError({
        message: `Login refused for password ${config.password}`,
        failureType: 'config_error',
      });
    },
    streams: (config) => [
      defineStream({
        name: 'leaky',
        jsonSchema: { type: 'object', properties: {} },
        read: async function* ({ http, logger }) {
          const echoed = await http.json<{ session: string }>({ path: 'echo' });
          logger.info(`logged in with ${echoed.session}, password ${config.password}`);
          logger.warn(
            `calling ${baseUrl}/x?key=${encodeURIComponent(config.nested.api_key)}&pw=${encodeURIComponent(config.password)}`,
          );
          yield { ok: true };
          const cause = new Error(`upstream said: session ${echoed.session} is bad; key=${config.nested.api_key}`);
          const error = new Error(`request failed for ${JSON.stringify({ password: config.password })}`, { cause });
          error.stack = `Error: custom stack with ${config.password}\n    at somewhere (${encodeURIComponent(config.password)})`;
          throw error;
        },
      }),
    ],
  });
}

function expectNoSecrets(output: SourceOutput, secrets: string[]): void {
  for (const secret of secrets) {
    for (const form of [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)]) {
      expect(output.text).not.toContain(form);
    }
  }
  expect(output.text).toContain('****');
}

describe('secret masking', () => {
  it('masks config and run-time secrets in LOG and TRACE lines, error causes and stack traces', async () => {
    server = await startTestServer('trusted', (req, res) => {
      sendJson(res, 200, { session: req.headers['x-session'] });
    });
    const auth = runtimeTokenAuth();
    const config = { base_url: server.url, password: PASSWORD, nested: { api_key: API_KEY } };
    const output = await readSource(leakySource(auth, server.url), { config });
    const token = auth.token();
    expect(token).toBeDefined();
    expect(output.exitCode).toBe(1);
    expect(output.records.map((r) => r.data)).toEqual([{ ok: true }]);
    expectNoSecrets(output, [PASSWORD, API_KEY, token ?? '']);
    const error = errorsOf(output)[0];
    expect(error?.internal_message).toBe('Error: request failed for {"password":"****"}');
    expect(error?.stack_trace).toContain('Caused by: Error: upstream said: session **** is bad; key=****');
    expect(output.logs.map((l) => l.message)).toContain('logged in with ****, password ****');
  });

  it('masks secrets in a check failure message', async () => {
    const output = await checkSource(leakySource(runtimeTokenAuth(), 'https://unused.invalid'), {
      base_url: 'https://unused.invalid/',
      password: PASSWORD,
      nested: { api_key: API_KEY },
    });
    expect(output.connectionStatus).toEqual({ status: 'FAILED', message: 'Login refused for password ****' });
    expectNoSecrets(output, [PASSWORD]);
  });
});
