import type { TestContext } from 'vitest';
import { metabaseConnectionSpecification } from '@mb-airbyte/source-metabase';
import { startSandbox, type Sandbox, type SandboxOptions } from '@mb-airbyte/metabase-sandbox';
import { startFront, type Front, type FrontOptions } from './front-proxy.js';
import type { NamedSecret } from './secret-leaks.js';
import type { Invocation, StressCli, StressRun } from './stress-cli.js';

export type CredentialKind = 'password' | 'api_key' | 'user_api_key' | 'session_token' | 'session_token_and_password';

export interface Stage {
  sandbox: Sandbox;
  /** Every request goes through it: it records what the connector sent and the session ids Metabase handed out. */
  front: Front;
  /** A config for the front's URL with the sandbox CA in ca_certificate and the credential asked for. */
  config(kind: CredentialKind, extra?: Record<string, unknown>): Record<string, unknown>;
  /** Runs the CLI against this stage: the config's secrets and the session ids issued so far must not leak. */
  invoke(cli: StressCli, invocation: Invocation): Promise<StressRun>;
}

export interface StageOptions {
  sandbox?: SandboxOptions;
  routes?: (sandbox: Sandbox) => FrontOptions['routes'];
}

/** A sandbox behind a recording front, both stopped when the test whose context is given ends (concurrent-safe). */
export async function startStage(
  test: Pick<TestContext, 'onTestFinished'>,
  options: StageOptions = {},
): Promise<Stage> {
  const sandbox = await startSandbox({ seed: 11, scale: 1, ...options.sandbox });
  const front = await startFront({ upstream: sandbox, routes: options.routes?.(sandbox) });
  test.onTestFinished(async () => {
    await front.close();
    await sandbox.stop();
  });
  return {
    sandbox,
    front,
    config: (kind, extra = {}) => ({
      instance_api_url: front.url,
      ...credentials(sandbox, kind),
      ca_certificate: sandbox.caPem,
      ...extra,
    }),
    invoke: (cli, invocation) =>
      cli.invoke({
        secrets: configSecrets(invocation.config),
        issuedTokens: () => front.issuedTokens,
        ...invocation,
      }),
  };
}

function credentials(sandbox: Sandbox, kind: CredentialKind): Record<string, string> {
  const c = sandbox.credentials;
  switch (kind) {
    case 'password':
      return { username: c.username, password: c.password };
    case 'api_key':
      return { api_key: c.adminApiKey };
    case 'user_api_key':
      return { api_key: c.userApiKey };
    case 'session_token':
      return { session_token: sandbox.createSession() };
    case 'session_token_and_password':
      return { session_token: sandbox.createSession(), username: c.username, password: c.password };
  }
}

/** The fields the spec marks airbyte_secret (password, session_token, api_key): what must never be printed. */
const secretFields = Object.entries(
  (metabaseConnectionSpecification().properties ?? {}) as Record<string, { airbyte_secret?: boolean }>,
)
  .filter(([, property]) => property.airbyte_secret === true)
  .map(([name]) => name);

/** The secret values of a config, named for failure messages (the password with its user, for Basic headers). */
export function configSecrets(config: unknown): NamedSecret[] {
  if (typeof config !== 'object' || config === null) return [];
  const fields = config as Record<string, unknown>;
  const user = typeof fields.username === 'string' ? fields.username : undefined;
  return secretFields.flatMap((name) => {
    const value = fields[name];
    if (typeof value !== 'string' || value.length < 6) return [];
    return [{ name: `configured ${name}`, value, ...(name === 'password' && user !== undefined ? { user } : {}) }];
  });
}
