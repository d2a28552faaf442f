// A manifest with a component this runtime cannot run fails spec and check with a config_error naming the component
// and its place, whether it comes from --manifest or from the config.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { errorsOf, runCommand } from './support/run-command.js';

const bin = fileURLToPath(new URL('../dist/source-declarative-manifest.js', import.meta.url));
if (!existsSync(bin)) console.warn('unsupported components through the command: skipped, run pnpm build first');

// YAML, as most manifests are written.
const manifestYaml = `
version: 6.0.0
type: DeclarativeSource
check: { type: CheckStream, stream_names: [items] }
streams:
  - type: DeclarativeStream
    name: items
    schema_loader: { type: InlineSchemaLoader, schema: { type: object, properties: {} } }
    retriever: { type: CustomRetriever, class_name: source_x.components.ItemsRetriever }
spec: { type: Spec, connection_specification: { type: object, properties: {} } }
`;
const expected =
  /CustomRetriever \(a custom Python component, which only the Python CDK can run\) at streams\[0\]\.retriever/;

let work: string;
describe.skipIf(!existsSync(bin))('a manifest with an unsupported component', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'declarative-cli-'));
    await writeFile(join(work, 'manifest.yaml'), manifestYaml);
    await writeFile(join(work, 'config.json'), JSON.stringify({}));
    await writeFile(
      join(work, 'injected.json'),
      JSON.stringify({ __injected_declarative_manifest: parse(manifestYaml) as unknown }),
    );
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it.each(['spec', 'check'])('%s with --manifest: ERROR config_error naming it, exit 1', async (command) => {
    const args = [
      command,
      '--manifest',
      join(work, 'manifest.yaml'),
      ...(command === 'check' ? ['--config', join(work, 'config.json')] : []),
    ];
    const run = await runCommand(bin, args);
    expect(run.badLines).toEqual([]);
    expect(run.exitCode).toBe(1);
    expect(errorsOf(run)).toEqual([
      expect.objectContaining({ failure_type: 'config_error', message: expect.stringMatching(expected) as unknown }),
    ]);
  });

  it('check with the manifest in the config: FAILED naming it', async () => {
    const run = await runCommand(bin, ['check', '--config', join(work, 'injected.json')]);
    const status = run.messages.find((m) => m.type === 'CONNECTION_STATUS');
    expect(status?.type === 'CONNECTION_STATUS' && status.connectionStatus.status).toBe('FAILED');
    expect(status?.type === 'CONNECTION_STATUS' && status.connectionStatus.message).toMatch(expected);
    expect(run.exitCode).toBe(0);
  });

  it('--manifest without a file is a usage error (exit 2)', async () => {
    const run = await runCommand(bin, ['spec', '--manifest']);
    expect([run.exitCode, run.messages]).toEqual([2, []]);
    expect(run.stderr).toContain('option --manifest needs a file');
  });
});
