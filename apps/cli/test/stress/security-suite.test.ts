import { readFileSync } from 'node:fs';
import { embeddedCoreText } from '@mb-airbyte/connector-cli/bundle';
import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUntrustedCa } from '@mb-airbyte/metabase-sandbox';
import { answer } from './support/front-proxy.js';
import { sendJson, startLoopbackHttps } from './support/loopback-https.js';
import { errorTraces, finalStatuses, streamErrors } from './support/messages.js';
import { findLeaks, secretForms, type NamedSecret } from './support/secret-leaks.js';
import { asText, startRedirectStage } from './support/redirect-stage.js';
import { configSecrets, startStage, type CredentialKind, type Stage } from './support/stage.js';
import { bundleFile, createStressCli, type StressCli } from './support/stress-cli.js';

// Secrets never leave where they belong. Every CLI run in the stress suites (this file, the fault suite with its
// flaky/down/truncated/expiry/throttle/permission paths, and the bad-input catalogue) goes through stress-cli.ts,
// which fails the run if a configured secret (password, session token, API key) or a session id Metabase issued
// during the run (recorded by the front) appears on stdout or stderr, raw, URL-encoded, JSON-escaped or base64.
// This file adds every command for every credential, the failure paths specific to credentials, redirects and TLS.

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

/** A non-admin login whose password changes under every encoding (quotes, backslash, +, /, =, &, ?, %, space, é). */
const awkwardLogin = { username: 'leak.probe@example.com', password: 'Pw+/= &?%"\\é-9f3a' };
const commands = ['spec', 'check', 'discover', 'read'] as const;
const credentialKinds: CredentialKind[] = [
  'password',
  'api_key',
  'user_api_key',
  'session_token',
  'session_token_and_password',
];

const credentialHeaders = ['x-api-key', 'x-metabase-session', 'cookie', 'authorization'];

function configFor(stage: Stage, kind: CredentialKind): Record<string, unknown> {
  const config = stage.config(kind);
  // The password credentials use the awkward login, so the encoded forms differ from the raw one.
  return 'password' in config ? { ...config, ...awkwardLogin } : config;
}

/** Requests that carried a credential (so a leak check is not vacuous): a credential header, or a login. */
function sentCredentials(stage: Stage): number {
  return stage.front.requests.filter(
    (r) => (r.method === 'POST' && r.url.startsWith('/api/session')) || credentialHeaders.some((h) => h in r.headers),
  ).length;
}

describe.concurrent('security suite: no secret in any output, for every command and credential', () => {
  it('the leak check itself finds a secret in every form it looks for, and nothing in clean text', () => {
    const secret = { name: 'probe', value: awkwardLogin.password };
    const forms = [...secretForms(secret.value, awkwardLogin.username).entries()];
    expect(forms.map(([label]) => label)).toEqual([
      'raw',
      'JSON-escaped',
      'JSON-escaped with \\/',
      'JSON \\u escapes',
      'JSON \\u escapes, upper case',
      'JSON-escaped twice',
      'JSON-escaped twice with \\/',
      'JSON \\u escapes, escaped twice',
      'encodeURIComponent',
      'URL-encoded, lower-case hex',
      'form-encoded',
      'encodeURI',
      'HTML named references',
      'HTML decimal references',
      'HTML hex references',
      'HTML hex references, lower case, zero-padded',
      'HTML references of every character',
      'base64',
      'base64 of user:password',
      'base64url of user:password', // its base64url is its base64
    ]);
    const withUser = { ...secret, user: awkwardLogin.username };
    for (const [label, form] of forms)
      expect(findLeaks(`before ${form} after`, [withUser]), label).toContain(`probe (${label})`);
    expect(findLeaks('{"password":"****"}', [secret])).toEqual([]);
  });

  it.for(credentialKinds)(
    '%s: spec, check, discover and read (with --debug) print no secret',
    { timeout: 60_000 },
    async (kind, test) => {
      const stage = await startStage(test, { sandbox: { users: [awkwardLogin] } });
      const config = configFor(stage, kind);
      for (const command of commands) {
        const run = await stage.invoke(cli, {
          command,
          config: command === 'spec' ? undefined : config,
          extraArgs: ['--debug'],
        });
        expect([0, 1], `${command} exit code`).toContain(run.exitCode);
        expect(run.messages.length, `${command} said something`).toBeGreaterThan(0);
      }
      // The checks above are only worth something if the secrets were in play: they were sent, and logins happened.
      expect(configSecrets(config).length).toBeGreaterThan(0);
      expect(sentCredentials(stage)).toBeGreaterThan(0);
      if (kind === 'password') expect(stage.front.issuedTokens.length).toBeGreaterThanOrEqual(2);
    },
  );

  it.for<[string, CredentialKind, Record<string, unknown>]>([
    ['a wrong password', 'password', { password: 'Wrong+Pass/word=&1' }],
    ['a wrong API key', 'api_key', { api_key: 'mb_NotTheKey+/0123456789abcdefghijklmnopqrstuv=' }],
    ['an expired session token', 'session_token', {}],
    ['an expired token with a wrong password', 'session_token_and_password', { password: 'Wrong+Pass/word=&2' }],
  ])(
    '%s: check and read fail with a config error and print no secret',
    { timeout: 30_000 },
    async ([, kind, override], test) => {
      const stage = await startStage(test);
      const config = { ...stage.config(kind), ...override };
      stage.sandbox.expireAllSessions();
      const check = await stage.invoke(cli, { command: 'check', config });
      expect(check.exitCode).toBe(0);
      expect(
        check.messages.flatMap((m) => (m.type === 'CONNECTION_STATUS' ? [m.connectionStatus.status] : [])),
      ).toEqual(['FAILED']);
      const read = await stage.invoke(cli, { command: 'read', config, catalog: ['cards', 'users'] });
      expect(read.exitCode).toBe(1);
      expect(new Set(errorTraces(read).map((e) => e.failure_type))).toEqual(new Set(['config_error']));
      expect(sentCredentials(stage)).toBeGreaterThan(0);
    },
  );

  it('a server that echoes the credentials in its error bodies: the error message carries the body, masked', async (test) => {
    // Raw and URL-encoded, as a proxy's error page might quote a request back.
    const echo = answer((res) => {
      const credential = credentialHeaders.map((h) => lastHeaders[h]).find((v) => typeof v === 'string') ?? '';
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'rejected', credential, query: `?key=${encodeURIComponent(credential)}` }));
    });
    let lastHeaders: IncomingHttpHeaders = {};
    const stage = await startStage(test, {
      sandbox: { users: [awkwardLogin] },
      routes: () => ({
        'GET /api/card': (req, res) => {
          lastHeaders = req.headers;
          return echo(req, res);
        },
      }),
    });
    for (const kind of ['api_key', 'password'] as const) {
      const run = await stage.invoke(cli, { command: 'read', config: configFor(stage, kind), catalog: ['cards'] });
      expect(run.exitCode).toBe(1);
      expect(streamErrors(run, 'cards')[0]?.message).toMatch(/HTTP 400: \{"message":"rejected","credential":"\*+"/);
    }
    expect(Object.keys(lastHeaders)).toContain('x-metabase-session');
  }, 30_000);
});

describe.concurrent('security suite: redirects', () => {
  const secretsOf = (stage: Stage, config: unknown): NamedSecret[] => [
    ...configSecrets(config),
    ...stage.front.issuedTokens.map((value) => ({ name: 'issued session id', value })),
  ];

  it.for<CredentialKind>(['api_key', 'password', 'session_token'])(
    '%s: credentials never follow a redirect to another origin',
    { timeout: 30_000 },
    async (kind, test) => {
      const { stage, seen } = await startRedirectStage(test, {
        target: 'other-https-origin',
        redirected: ['GET /api/user/current', 'GET /api/card'],
      });
      const config = stage.config(kind);
      const check = await stage.invoke(cli, { command: 'check', config });
      const read = await stage.invoke(cli, { command: 'read', config, catalog: ['cards'] });
      for (const run of [check, read]) expect(run.messages.length).toBeGreaterThan(0);

      expect(new Set(seen.map((r) => r.url.split('?')[0])), 'requests that followed the redirect').toEqual(
        new Set(['/api/card', '/api/user/current']),
      );
      for (const request of seen)
        for (const header of credentialHeaders)
          expect(request.headers[header], `${header} sent to ${request.url}`).toBeUndefined();
      expect(findLeaks(asText(seen), secretsOf(stage, config))).toEqual([]);
      expect(sentCredentials(stage), 'requests with credentials at the configured origin').toBeGreaterThan(0);
    },
  );

  // A 307/308 keeps the body, and a login's body is the username and password: the kit refuses such a hop to
  // another origin (headers alone could be stripped; a body cannot).
  it.for([307, 308] as const)(
    'a login redirected with %i (which keeps the body) does not send the password to another origin',
    { timeout: 30_000 },
    async (status, test) => {
      const { stage, seen } = await startRedirectStage(test, {
        target: 'other-https-origin',
        redirected: ['POST /api/session'],
        status,
      });
      const config = configFor(stage, 'password');
      const check = await stage.invoke(cli, { command: 'check', config });
      const statuses = check.messages.flatMap((m) => (m.type === 'CONNECTION_STATUS' ? [m.connectionStatus] : []));
      expect(statuses.map((s) => s.status)).toEqual(['FAILED']);
      expect(statuses[0]?.message).toMatch(/redirect .*to another origin .*never forwards credentials/);
      expect(check.exitCode).toBe(0);
      expect(seen, 'requests that followed the redirect').toEqual([]);
      expect(
        stage.front.requests.some((r) => r.method === 'POST' && r.url === '/api/session'),
        'a login at the configured origin',
      ).toBe(true);
      expect(findLeaks(asText(seen), secretsOf(stage, config))).toEqual([]);
    },
  );

  it(
    'an https to http redirect is refused: nothing reaches the http server, and the message says why',
    { timeout: 30_000 },
    async (test) => {
      const { stage, seen } = await startRedirectStage(test, {
        target: 'http',
        redirected: ['GET /api/user/current', 'GET /api/card'],
      });
      const config = stage.config('api_key');
      const check = await stage.invoke(cli, { command: 'check', config });
      const read = await stage.invoke(cli, { command: 'read', config, catalog: ['cards'] });

      expect(seen).toEqual([]);
      const status = check.messages.flatMap((m) => (m.type === 'CONNECTION_STATUS' ? [m.connectionStatus] : []));
      expect(status.map((s) => s.status)).toEqual(['FAILED']);
      expect(status[0]?.message).toMatch(/redirect from https to http/);
      expect(check.exitCode).toBe(0);
      expect(read.exitCode).toBe(1);
      expect(finalStatuses(read)).toEqual({ cards: 'INCOMPLETE' });
      const [error] = streamErrors(read, 'cards');
      expect(error?.failure_type).toBe('config_error');
      expect(error?.message).toMatch(/redirect from https to http/);
    },
  );
});

describe.concurrent('security suite: TLS', () => {
  it('the bundle never turns certificate verification off', () => {
    for (const file of [bundleFile, bundleFile.replace(/source-metabase\.js$/, 'index.js')]) {
      const bundled = readFileSync(file, 'utf8');
      // The bin carries its core compressed: read what it runs.
      const text = file === bundleFile ? `${bundled}\n${embeddedCoreText(bundled) ?? ''}` : bundled;
      if (file === bundleFile) expect(embeddedCoreText(bundled), 'the embedded core').toMatch(/runCommand/);
      expect(text, file).toMatch(/rejectUnauthorized/); // the option is set (to true) somewhere: the grep below means something
      expect(text.match(/rejectUnauthorized\s*:\s*(false|!1|0\b|void 0|null)/g), file).toBeNull();
      expect(text, file).not.toContain('NODE_TLS_REJECT_UNAUTHORIZED');
      expect(text, file).not.toMatch(/checkServerIdentity/);
    }
  });

  it.for<[string, NodeJS.ProcessEnv]>([
    ['by default', {}],
    ['even with NODE_TLS_REJECT_UNAUTHORIZED=0', { NODE_TLS_REJECT_UNAUTHORIZED: '0' }],
  ])(
    'a certificate the configured CA does not trust fails %s, with a message that names the problem',
    { timeout: 30_000 },
    async ([, env], test) => {
      // The server presents a certificate from another CA; the config trusts only the sandbox CA.
      const untrusted = createUntrustedCa();
      const server = await startLoopbackHttps(
        answer((res) => {
          sendJson(res, 200, []);
        }),
        { certs: untrusted },
      );
      test.onTestFinished(() => server.close());
      const stage = await startStage(test);
      const config = { ...stage.config('api_key'), instance_api_url: `${server.origin}/api/` };

      const check = await stage.invoke(cli, { command: 'check', config, env });
      const status = check.messages.flatMap((m) => (m.type === 'CONNECTION_STATUS' ? [m.connectionStatus] : []));
      expect(status.map((s) => s.status)).toEqual(['FAILED']);
      expect(status[0]?.message).toMatch(/certificate .*could not be verified/i);
      expect(status[0]?.message).toMatch(/ca_certificate/);
      const read = await stage.invoke(cli, { command: 'read', config, catalog: ['cards'], env });
      expect(read.exitCode).toBe(1);
      const [error] = streamErrors(read, undefined); // the run's one ERROR trace: every request would meet the same certificate
      expect(errorTraces(read)).toHaveLength(1);
      expect(error?.failure_type).toBe('config_error');
      expect(error?.message).toMatch(/certificate/i);
    },
  );
});
