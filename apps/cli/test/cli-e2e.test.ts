import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfiguredAirbyteCatalogSchema, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { memoryIo, spawnConnector, type ConnectorRun } from '@mb-airbyte/connector-cli/testing';
import { embeddedCoreText } from '@mb-airbyte/connector-cli/bundle';
import { main } from '../src/index.js';

// The built CLI as the Docker image holds it: dist/source-metabase.js copied alone into an empty folder, run with
// plain `node` from another working directory, against the sandbox over real HTTPS. Every stdout line of every run
// is parsed with the protocol schema (spawnConnector collects lines that do not parse as badLines).
const bundle = fileURLToPath(new URL('../dist/source-metabase.js', import.meta.url));
const metadata = parse(readFileSync(new URL('../metadata.yaml', import.meta.url), 'utf8')) as {
  data: { documentationUrl: string };
};

let sandbox: Sandbox;
let work: string;
let cliFile: string;
let env: NodeJS.ProcessEnv;

const ofType = <T extends AirbyteMessage['type']>(run: ConnectorRun, type: T) =>
  run.messages.filter((m): m is Extract<AirbyteMessage, { type: T }> => m.type === type);
const errorTraces = (run: ConnectorRun) =>
  ofType(run, 'TRACE').flatMap((m) => (m.trace.type === 'ERROR' ? [m.trace.error] : []));
const cli = async (args: string[]) => {
  const run = await spawnConnector(args, { cliFile, env, cwd: tmpdir(), timeoutMs: 60_000 });
  expect(run.badLines, `stdout lines that are not protocol messages (stderr: ${run.stderr})`).toEqual([]);
  return run;
};

describe.skipIf(!existsSync(bundle))(
  `the bundled CLI, alone in a folder, against the sandbox${existsSync(bundle) ? '' : ' (skipped: run pnpm build first)'}`,
  () => {
    beforeAll(async () => {
      sandbox = await startSandbox({ scale: 1, seed: 7 });
      work = await mkdtemp(join(tmpdir(), 'source-metabase-e2e-'));
      await mkdir(join(work, 'image'));
      cliFile = join(work, 'image', 'source-metabase.js');
      await copyFile(bundle, cliFile); // no node_modules anywhere near it
      const { username, password } = sandbox.credentials;
      // The sandbox's private CA travels in the config (ca_certificate), as the platform would pass it.
      await writeFile(
        join(work, 'config.json'),
        JSON.stringify({ instance_api_url: sandbox.url, username, password, ca_certificate: sandbox.caPem }),
      );
      await writeFile(join(work, 'no-ca.json'), JSON.stringify({ instance_api_url: sandbox.url, username, password }));
      env = { PATH: process.env.PATH ?? '' };
    });

    afterAll(async () => {
      await sandbox.stop();
      await rm(work, { recursive: true, force: true });
    });

    it('spec: one SPEC message whose documentation URL is the one in metadata.yaml', async () => {
      const run = await cli(['spec']);
      expect(run.exitCode).toBe(0);
      expect(run.messages.map((m) => m.type)).toEqual(['SPEC']);
      expect(ofType(run, 'SPEC')[0]?.spec.documentationUrl).toBe(metadata.data.documentationUrl);
    });

    it('spec: the line the build computed equals the spec computed at run time from the sources', async () => {
      const io = memoryIo();
      expect(await main(['spec'], io)).toBe(0);
      const run = await cli(['spec']);
      expect(run.messages).toEqual(io.messages());
    });

    it('carries its core as ASCII, which loading turns into a string byte for byte (no UTF-8 decoding)', () => {
      const text = readFileSync(bundle, 'utf8');
      const core = embeddedCoreText(text) ?? '';
      expect(core).toMatch(/runCommand/);
      const beyondAscii = core.match(/[\u0080-\uffff]/g) ?? [];
      expect(beyondAscii, 'characters beyond ASCII in the core (write them as \\u escapes)').toEqual([]);
      expect(text).toMatch(/\.toString\(['"]latin1['"]\)/);
    });

    it('check: SUCCEEDED with good credentials; FAILED without leaking a wrong password', async () => {
      const good = await cli(['check', '--config', join(work, 'config.json')]);
      expect(good.exitCode).toBe(0);
      expect(ofType(good, 'CONNECTION_STATUS').map((m) => m.connectionStatus.status)).toEqual(['SUCCEEDED']);

      const wrongPassword = 'not-the-password-9f3a';
      await writeFile(
        join(work, 'bad.json'),
        JSON.stringify({
          instance_api_url: sandbox.url,
          username: sandbox.credentials.username,
          password: wrongPassword,
        }),
      );
      const bad = await cli(['check', '--config', join(work, 'bad.json')]);
      expect(ofType(bad, 'CONNECTION_STATUS').map((m) => m.connectionStatus.status)).toEqual(['FAILED']);
      expect(bad.exitCode).toBe(0);
      expect(JSON.stringify(bad.messages) + bad.stderr).not.toContain(wrongPassword);
    });

    it('check: certificates are verified; a private CA is trusted from the config or from NODE_EXTRA_CA_CERTS', async () => {
      const untrusted = await cli(['check', '--config', join(work, 'no-ca.json')]);
      expect(ofType(untrusted, 'CONNECTION_STATUS').map((m) => m.connectionStatus.status)).not.toContain('SUCCEEDED');
      expect(ofType(untrusted, 'CONNECTION_STATUS').length + errorTraces(untrusted).length).toBeGreaterThan(0);
      const fromEnv = await spawnConnector(['check', '--config', join(work, 'no-ca.json')], {
        cliFile,
        env: { ...env, NODE_EXTRA_CA_CERTS: sandbox.caFile },
      });
      expect(ofType(fromEnv, 'CONNECTION_STATUS').map((m) => m.connectionStatus.status)).toEqual(['SUCCEEDED']);
    });

    it('discover: one CATALOG, and --write-catalog leaves a configured catalog that read accepts', async () => {
      const out = join(work, 'catalog.json');
      const run = await cli(['discover', '--config', join(work, 'config.json'), '--write-catalog', out]);
      expect(run.exitCode).toBe(0);
      const catalogs = ofType(run, 'CATALOG');
      expect(catalogs).toHaveLength(1);
      const configured = ConfiguredAirbyteCatalogSchema.parse(JSON.parse(await readFile(out, 'utf8')));
      expect(configured.streams.map((s) => s.stream.name)).toEqual(catalogs[0]?.catalog.streams.map((s) => s.name));
      expect(new Set(configured.streams.map((s) => s.sync_mode))).toEqual(new Set(['full_refresh']));
    });

    it('read: every configured stream STARTED then COMPLETE, the sandbox cards all there, state with counts, exit 0', async () => {
      const run = await cli(['read', '--config', join(work, 'config.json'), '--catalog', join(work, 'catalog.json')]);
      expect(errorTraces(run)).toEqual([]);
      expect(run.exitCode).toBe(0);
      const configured = ConfiguredAirbyteCatalogSchema.parse(
        JSON.parse(await readFile(join(work, 'catalog.json'), 'utf8')),
      );
      const statuses = ofType(run, 'TRACE').flatMap((m) =>
        m.trace.type === 'STREAM_STATUS' ? [m.trace.stream_status] : [],
      );
      for (const { stream } of configured.streams) {
        const seen = statuses.filter((s) => s.stream_descriptor.name === stream.name).map((s) => s.status);
        expect(seen[0], stream.name).toBe('STARTED');
        expect(seen.at(-1), stream.name).toBe('COMPLETE');
      }
      const cards = ofType(run, 'RECORD').filter((m) => m.record.stream === 'cards');
      expect(cards.map((m) => m.record.data.id)).toEqual(sandbox.expected.cards().map((c) => c.id));
      expect(ofType(run, 'STATE').length).toBeGreaterThan(0);
      // The platform hands the last states back with --state: the next read takes them.
      await writeFile(join(work, 'state.json'), JSON.stringify(ofType(run, 'STATE').map((m) => m.state)));
      const next = await cli([
        'read',
        '--config',
        join(work, 'config.json'),
        '--catalog',
        join(work, 'catalog.json'),
        '--state',
        join(work, 'state.json'),
      ]);
      expect(errorTraces(next)).toEqual([]);
      expect(next.exitCode).toBe(0);
    });

    it('read without --catalog reads every discovered stream', async () => {
      const run = await cli(['read', '--config', join(work, 'config.json')]);
      expect(run.exitCode).toBe(0);
      const configured = ConfiguredAirbyteCatalogSchema.parse(
        JSON.parse(await readFile(join(work, 'catalog.json'), 'utf8')),
      );
      const streamsRead = new Set(ofType(run, 'RECORD').map((m) => m.record.stream));
      const completed = ofType(run, 'TRACE').flatMap((m) =>
        m.trace.type === 'STREAM_STATUS' && m.trace.stream_status.status === 'COMPLETE'
          ? [m.trace.stream_status.stream_descriptor.name]
          : [],
      );
      expect(completed.sort()).toEqual(configured.streams.map((s) => s.stream.name).sort());
      expect(streamsRead.has('cards')).toBe(true);
    });

    it('an error nothing awaits ends the run with one masked system_error trace and exit 1', async () => {
      const preload = fileURLToPath(new URL('./fixtures/throw-after-first-record.mjs', import.meta.url));
      const run = await spawnConnector(['read', '--config', join(work, 'config.json')], {
        cliFile,
        execArgv: ['--import', preload],
        env: { ...env, INJECTED_SECRET: sandbox.credentials.password },
      });
      expect(run.badLines).toEqual([]);
      expect(run.exitCode).toBe(1);
      expect(ofType(run, 'RECORD').length).toBeGreaterThan(0);
      const last = run.messages.at(-1);
      expect(last?.type === 'TRACE' && last.trace.type === 'ERROR' ? last.trace.error : undefined).toMatchObject({
        failure_type: 'system_error',
        internal_message: 'Error: injected failure while holding ****',
      });
      expect(JSON.stringify(run.messages)).not.toContain(sandbox.credentials.password);
    });

    it('a missing config file is one config_error trace and exit 1, with nothing else on stdout', async () => {
      const run = await cli(['discover', '--config', join(work, 'nope.json')]);
      expect(run.exitCode).toBe(1);
      expect(run.messages).toHaveLength(1);
      const [error] = errorTraces(run);
      expect(error?.failure_type).toBe('config_error');
      expect(error?.message).toContain('nope.json');
    });

    it('usage errors print usage on stderr, nothing on stdout, and exit 2', async () => {
      for (const args of [['sync'], ['read', '--catalog', 'x.json'], ['check', '--config']]) {
        const run = await cli(args);
        expect(run.exitCode).toBe(2);
        expect(run.messages).toEqual([]);
        expect(run.stderr).toContain('Usage: source-metabase <command>');
        expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      }
    });

    it('--version prints the package version', async () => {
      const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      const run = await spawnConnector(['--version'], { cliFile, env });
      expect(run.exitCode).toBe(0);
      expect(run.badLines).toEqual([version]);
    });
  },
);
