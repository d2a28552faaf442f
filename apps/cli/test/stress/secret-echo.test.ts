import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { secretEncodings } from '@mb-airbyte/http-source-kit/testing';
import { answer } from './support/front-proxy.js';
import { streamErrors } from './support/messages.js';
import { startStage, type CredentialKind, type Stage } from './support/stage.js';
import { createStressCli, type StressCli } from './support/stress-cli.js';

// A server, or a proxy in front of it, that echoes the credential back in its error bodies, in any encoding: as is,
// JSON-escaped (with `\/`, with `\u` escapes, once or twice), URL-encoded, as HTML character references, or as base64
// of user:password (a Basic header written out). Through the built CLI, for an API key (base64: '/', '+', '=') and a
// password with every awkward character: the echo reaches the ERROR trace's message and stack trace in `read` and
// `check`, masked; a secret in the configured URL reaches the CONNECTION_STATUS message and LOG messages, masked.
// Every run is also checked by stress-cli.ts: no form of any configured secret on stdout or stderr.

let cli: StressCli;
beforeAll(async () => {
  cli = await createStressCli();
});
afterAll(async () => {
  await cli.close();
});

const awkwardLogin = { username: 'leak.probe@example.com', password: 'Pw+/= &?%"\\é<>#;-9f3a' };

interface Credential {
  kind: CredentialKind;
  secret: (stage: Stage) => string;
  user?: string;
}
const credentials: Record<string, Credential> = {
  'API key': { kind: 'api_key', secret: (stage) => stage.sandbox.credentials.adminApiKey },
  password: { kind: 'password', secret: () => awkwardLogin.password, user: awkwardLogin.username },
};

/** Every form of an API key and of the password (the key is the admin key of the stage's seed, 11). */
const cases = Object.entries(credentials).flatMap(([name, credential]) =>
  secretEncodings(
    name === 'API key' ? 'mb_mwA7/f5qD1MJzidTB3ZNcFMOzbuE+VA/WyjR7JUra1Y=' : awkwardLogin.password,
    credential.user === undefined ? {} : { user: credential.user },
  ).map(([label]) => [`${name}, ${label}`, credential, label] as const),
);

function configFor(stage: Stage, kind: CredentialKind, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const config = stage.config(kind, extra);
  return kind === 'password' ? { ...config, ...awkwardLogin } : config;
}

/** Every message a person reads: LOG, ERROR trace fields, CONNECTION_STATUS. */
function printed(messages: readonly AirbyteMessage[]): string[] {
  return messages.flatMap((m) => {
    if (m.type === 'LOG') return [m.log.message];
    if (m.type === 'CONNECTION_STATUS') return [m.connectionStatus.message ?? ''];
    if (m.type === 'TRACE' && m.trace.type === 'ERROR')
      return [m.trace.error.message, m.trace.error.internal_message ?? '', m.trace.error.stack_trace ?? ''];
    return [];
  });
}

describe.concurrent('secrets echoed by the server, in every encoding', () => {
  it.for(cases)(
    '%s: read and check print the error body with the secret masked',
    { timeout: 60_000 },
    async ([, credential, label], test) => {
      let body = '';
      const echo = answer((res) => {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(body);
      });
      const routes = () => ({ 'GET /api/card': echo, 'GET /api/user/current': echo });
      // Only password runs add the awkward login: extra users change the sandbox's keys, and seed 11's admin key has '/', '+' and '='.
      const stage = await startStage(
        test,
        credential.kind === 'password' ? { sandbox: { users: [awkwardLogin] }, routes } : { routes },
      );
      const secret = credential.secret(stage);
      const form = new Map(secretEncodings(secret, credential.user === undefined ? {} : { user: credential.user })).get(
        label,
      );
      if (form === undefined) throw new Error(`no ${label} form for this secret`);
      const config = configFor(stage, credential.kind);

      body = `{"echo":"${form}","message":"rejected"}`;
      const read = await stage.invoke(cli, { command: 'read', config, catalog: ['cards'] });
      expect(read.exitCode).toBe(1);
      const [error] = streamErrors(read, 'cards');
      expect(error?.message).toContain('{"echo":"****","message":"rejected"}');
      expect(error?.stack_trace).toContain('{"echo":"****","message":"rejected"}');

      const check = await stage.invoke(cli, { command: 'check', config });
      expect(
        printed(check.messages).filter((text) => text.includes('{"echo":"****","message":"rejected"}')).length,
      ).toBeGreaterThan(0);

      // A body longer than a message quotes (300 characters), so the quote ends three quarters into this form (past
      // the user of user:password): what it shows of the secret is masked too (the rest of a cut escape may follow).
      const before = `{"padding":"${'x'.repeat(300 - 22 - Math.floor((form.length * 3) / 4))}","echo":"`;
      body = `${before}${form}"}`;
      const cut = await stage.invoke(cli, { command: 'read', config, catalog: ['cards'] });
      expect(streamErrors(cut, 'cards')[0]?.message).toMatch(/"echo":"\*\*\*\*\S{0,8}…$/);
    },
  );

  it.for<[string, (secret: string) => string]>([
    ['as is', (secret) => secret],
    ['URL-encoded', (secret) => encodeURIComponent(secret)],
    [
      'URL-encoded, lower-case hex',
      (secret) => encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    ],
  ])(
    'an API key pasted into the configured URL (%s): CONNECTION_STATUS and LOG messages quote the URL, masked',
    { timeout: 60_000 },
    async ([, encode], test) => {
      const stage = await startStage(test);
      const key = stage.sandbox.credentials.adminApiKey;
      const config = configFor(stage, 'api_key', { instance_api_url: `${stage.front.origin}/${encode(key)}/api/` });
      const check = await stage.invoke(cli, { command: 'check', config });
      const statuses = check.messages.flatMap((m) => (m.type === 'CONNECTION_STATUS' ? [m.connectionStatus] : []));
      expect(statuses.map((s) => s.status)).toEqual(['FAILED']);
      expect(statuses[0]?.message).toContain(`${stage.front.origin}/****/api/`);
      const logs = check.messages.flatMap((m) => (m.type === 'LOG' ? [m.log.message] : []));
      expect(logs.filter((message) => message.includes('/****/api/')).length).toBeGreaterThan(0);
      const read = await stage.invoke(cli, { command: 'read', config, catalog: ['cards'] });
      expect(streamErrors(read, 'cards')[0]?.message).toContain('/****/api/card');
    },
  );
});
