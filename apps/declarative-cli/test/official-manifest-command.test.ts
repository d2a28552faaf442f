// The built command (dist/, one file) runs Airbyte's official Metabase manifest against the sandbox, given with
// --manifest FILE or injected into the config, in processes of their own. The manifest is ELv2 and never copied into
// this repository: it is read from beside the checkout (OFFICIAL_METABASE_MANIFEST overrides), and the suite is
// skipped, saying so, where it or the build is absent.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { errorsOf, recordsOf, runCommand } from './support/run-command.js';

const bin = fileURLToPath(new URL('../dist/source-declarative-manifest.js', import.meta.url));
const manifestFile =
  process.env.OFFICIAL_METABASE_MANIFEST ??
  fileURLToPath(new URL('../../../../shared/reference/official-source-metabase/manifest.yaml', import.meta.url));
const missing = [
  existsSync(bin) ? undefined : 'the build (run pnpm build)',
  existsSync(manifestFile) ? undefined : `the official manifest (${manifestFile})`,
].filter(Boolean);
if (missing.length > 0)
  console.warn(`official manifest through the command: skipped, missing ${missing.join(' and ')}`);

let sandbox: Sandbox;
let work: string;
const file = (name: string): string => join(work, name);

describe.skipIf(missing.length > 0)('source-declarative-manifest with the official Metabase manifest', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 5 });
    work = await mkdtemp(join(tmpdir(), 'declarative-cli-'));
    const login = {
      instance_api_url: sandbox.url,
      username: sandbox.credentials.username,
      password: sandbox.credentials.password,
    };
    await writeFile(file('config.json'), JSON.stringify(login));
    const manifest = parse(readFileSync(manifestFile, 'utf8')) as unknown;
    await writeFile(file('injected.json'), JSON.stringify({ ...login, __injected_declarative_manifest: manifest }));
    await writeFile(
      file('catalog.json'),
      JSON.stringify({
        streams: ['users', 'databases'].map((name) => ({
          stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh'] },
          sync_mode: 'full_refresh',
          destination_sync_mode: 'overwrite',
        })),
      }),
    );
  });
  afterAll(async () => {
    await sandbox.stop();
    await rm(work, { recursive: true, force: true });
  });
  const env = (): NodeJS.ProcessEnv => ({ NODE_EXTRA_CA_CERTS: sandbox.caFile });

  it('spec prints the manifest spec with --manifest, and the runtime spec without', async () => {
    const withManifest = await runCommand(bin, ['spec', '--manifest', manifestFile]);
    const spec = withManifest.messages.find((m) => m.type === 'SPEC');
    expect(spec?.type === 'SPEC' && spec.spec.connectionSpecification.required).toEqual([
      'instance_api_url',
      'username',
    ]);
    const runtime = await runCommand(bin, ['spec']);
    const runtimeSpec = runtime.messages.find((m) => m.type === 'SPEC');
    expect(runtimeSpec?.type === 'SPEC' && runtimeSpec.spec.connectionSpecification.required).toEqual([
      '__injected_declarative_manifest',
    ]);
  });

  it.each([
    ['--manifest FILE', (): string[] => ['--config', file('config.json'), '--manifest', manifestFile]],
    ['the injected manifest', (): string[] => ['--config', file('injected.json')]],
  ])('check, discover and read work with %s', async (_how, args) => {
    const check = await runCommand(bin, ['check', ...args()], env());
    expect(check.messages.find((m) => m.type === 'CONNECTION_STATUS')).toMatchObject({
      connectionStatus: { status: 'SUCCEEDED' },
    });
    const discover = await runCommand(bin, ['discover', ...args()], env());
    const catalog = discover.messages.find((m) => m.type === 'CATALOG');
    expect(catalog?.type === 'CATALOG' && catalog.catalog.streams.length).toBe(7);
    const read = await runCommand(bin, ['read', ...args(), '--catalog', file('catalog.json')], env());
    expect([read.exitCode, read.badLines, errorsOf(read)]).toEqual([0, [], []]);
    expect(recordsOf(read, 'users').map((u) => u.id)).toEqual(
      sandbox.expected
        .users()
        .filter((u) => u.is_active === true)
        .map((u) => u.id),
    );
    expect(recordsOf(read, 'databases')).toEqual(sandbox.expected.databases());
  });

  it('a secret of the manifest spec never reaches the output', async () => {
    const read = await runCommand(
      bin,
      ['read', '--config', file('injected.json'), '--catalog', file('catalog.json'), '--debug'],
      env(),
    );
    const text = JSON.stringify(read.messages);
    expect(text).not.toContain(sandbox.credentials.password);
  });
});
