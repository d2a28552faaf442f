// Airbyte's official Metabase manifest, unchanged, against the Metabase sandbox: the same streams and, for each of its
// seven streams, the same records (by primary key, byte for byte) as source-metabase; and what each connector costs
// the server (logins, session validations, requests), printed for the report. The manifest is ELv2 and never copied
// here: it is read from beside the checkout (see support/official-manifest.ts) and the suite is skipped without it.
import { startSandbox, type Sandbox, type SandboxStats } from '@mb-airbyte/metabase-sandbox';
import { discoverSource, readSource, type SourceOutput } from '@mb-airbyte/http-source-kit/testing';
import { createMetabaseSource } from '@mb-airbyte/source-metabase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceFromManifest } from '../src/index.js';
import {
  officialManifestFile,
  officialManifestText,
  officialStreams,
  warnWhenSkipped,
} from './support/official-manifest.js';

type Credential = 'username_password' | 'session_token';

interface Run {
  output: SourceOutput;
  stats: SandboxStats;
}

let sandbox: Sandbox;
const runs = new Map<string, Run>();

function config(kind: Credential, forOurs: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    instance_api_url: sandbox.url,
    ...(forOurs ? { ca_certificate: sandbox.caPem } : {}),
  };
  // The official spec requires a username even beside a session token.
  if (kind === 'session_token')
    return {
      ...base,
      ...(forOurs ? {} : { username: sandbox.credentials.username }),
      session_token: sandbox.createSession(),
    };
  return { ...base, username: sandbox.credentials.username, password: sandbox.credentials.password };
}

async function read(connector: 'official' | 'ours', kind: Credential): Promise<Run> {
  const source =
    connector === 'official'
      ? sourceFromManifest(officialManifestText(), 'official manifest', { caCertPem: sandbox.caPem })
      : createMetabaseSource({ http: { retry: { baseDelayMs: 2, maxDelayMs: 10 } } });
  const runConfig = config(kind, connector === 'ours');
  sandbox.resetStats();
  const output = await readSource(source as Parameters<typeof readSource>[0], {
    config: runConfig,
    streams: officialStreams,
  });
  return { output, stats: sandbox.stats() };
}

function recordTexts(output: SourceOutput, stream: string): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const record of output.records)
    if (record.stream === stream) byKey.set(JSON.stringify(record.data.id), JSON.stringify(record.data));
  return byKey;
}

function cost(stats: SandboxStats): { logins: number; validations: number; requests: number } {
  return {
    logins: stats.logins,
    validations: stats.requestsByRoute['GET /api/user/current'] ?? 0,
    requests: stats.requests,
  };
}

warnWhenSkipped('official Metabase manifest parity');
describe.skipIf(officialManifestFile === undefined)('the official Metabase manifest on the sandbox', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 3 });
    for (const kind of ['username_password', 'session_token'] as const) {
      runs.set(`official ${kind}`, await read('official', kind));
      runs.set(`ours ${kind}`, await read('ours', kind));
    }
    console.log('requests the sandbox served for one read of the seven official streams');
    console.table(Object.fromEntries([...runs].map(([name, run]) => [name, cost(run.stats)])));
  }, 300_000);
  afterAll(async () => {
    await sandbox.stop();
  });

  it('discovers the same seven streams', async () => {
    const source = sourceFromManifest(officialManifestText(), 'official manifest', { caCertPem: sandbox.caPem });
    const discovered = await discoverSource(source, config('username_password', false));
    expect(discovered.catalog?.streams.map((s) => s.name)).toEqual(officialStreams);
  });

  it.each(['username_password', 'session_token'] as const)('reads every stream to COMPLETE with %s', (kind) => {
    const run = runs.get(`official ${kind}`);
    expect(run?.output.exitCode).toBe(0);
    expect(run?.output.traces.filter((t) => t.type === 'ERROR')).toEqual([]);
  });

  it.each(officialStreams)('%s: the same records as source-metabase, by primary key, byte for byte', (stream) => {
    const official = recordTexts(runs.get('official username_password')?.output as SourceOutput, stream);
    const ours = recordTexts(runs.get('ours username_password')?.output as SourceOutput, stream);
    expect(official.size).toBeGreaterThan(0);
    expect([...official.keys()].sort()).toEqual([...ours.keys()].sort());
    for (const [key, text] of official) expect(text, `${stream} ${key}`).toBe(ours.get(key));
  });

  it('logs in once with a password and never validates (the CDK caches the session for the run)', () => {
    const official = cost((runs.get('official username_password') as Run).stats);
    expect(official.logins).toBe(1);
    expect(official.validations).toBe(0);
  });

  it('validates a configured session token before every request and never logs in, as the CDK does', () => {
    const official = cost((runs.get('official session_token') as Run).stats);
    expect(official.logins).toBe(0);
    expect(official.requests).toBeGreaterThan(80);
    expect(official.validations).toBe(official.requests / 2);
  });
});

describe.skipIf(officialManifestFile === undefined)(
  'the official LegacySessionTokenAuthenticator, like the CDK',
  () => {
    let limited: Sandbox;
    beforeAll(async () => {
      limited = await startSandbox({ seed: 3, sessionMaxRequests: 20 });
    });
    afterAll(async () => {
      await limited.stop();
    });

    const official = (): ReturnType<typeof sourceFromManifest> =>
      sourceFromManifest(officialManifestText(), 'official manifest', { caCertPem: limited.caPem });
    const login = (): Record<string, unknown> => ({
      instance_api_url: limited.url,
      username: limited.credentials.username,
      password: limited.credentials.password,
    });

    it('logs in when the configured session token is invalid, validating it before each request', async () => {
      limited.resetStats();
      const output = await readSource(official(), {
        config: { ...login(), session_token: 'not-a-session' },
        streams: ['databases', 'native_query_snippets'],
      });
      expect(output.exitCode).toBe(0);
      const stats = limited.stats();
      expect(stats.logins).toBe(1);
      expect(stats.requestsByRoute['GET /api/user/current']).toBe(2); // one per data request, each answered 401
      expect(stats.requests).toBe(5);
    });

    it('does not log in again when a request gets 401: the stream fails as a config_error', async () => {
      limited.resetStats();
      const output = await readSource(official(), {
        config: login(),
        streams: ['cards', 'collections', 'collections_items_dashboards'],
      });
      expect(output.exitCode).toBe(1);
      expect(limited.stats().logins).toBe(1);
      const errors = output.traces.filter((t) => t.type === 'ERROR').map((t) => t.error.failure_type);
      expect(errors).toContain('config_error');
    });
  },
);
