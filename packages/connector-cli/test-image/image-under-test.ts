import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { spawnConnector, type ConnectorRun, type SpawnOptions } from '../src/testing/spawn-connector.js';
import type { StartImageFixture } from '../src/testing/image-fixture.js';

// The image `connector-image test` built (image/test-image.mjs passes these), the connector it holds, and how to run
// it as Airbyte's job pods do.
const run = promisify(execFile);

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new Error(`${name} is not set: run these checks with connector-image test (pnpm test:image)`);
  return value;
}

export const engine = required('CONTAINER_ENGINE');
export const image = required('CONNECTOR_IMAGE');

/** The connector's package: its metadata.yaml, version and one bin (the bundle the image runs). */
export const connectorDir = required('CONNECTOR_DIR');
const manifest = JSON.parse(readFileSync(join(connectorDir, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};
const [[binName, binFile] = ['', '']] = Object.entries(manifest.bin);
export const connector = {
  version: manifest.version,
  bin: binName,
  /** The bundle in the workspace, run directly to compare with the image. */
  bundle: join(connectorDir, binFile),
  metadata: parse(readFileSync(join(connectorDir, 'metadata.yaml'), 'utf8')) as {
    data: { dockerRepository: string; dockerImageTag: string };
  },
};

/** The connector's fixture (test-image/fixture.ts): what the runs against a server read from. */
export async function loadFixture(): Promise<StartImageFixture> {
  const file = join(connectorDir, 'test-image', 'fixture.ts');
  const module = (await import(pathToFileURL(file).href)) as { startImageFixture?: StartImageFixture };
  if (module.startImageFixture === undefined)
    throw new Error(`${file} must export startImageFixture (see @mb-airbyte/connector-cli's README)`);
  return module.startImageFixture;
}

/** What the build was given as secrets: none of it may be found in the image. */
export const buildSecrets = JSON.parse(required('IMAGE_BUILD_SECRETS')) as {
  ca?: string;
  npmrc?: string;
  canary?: string;
};

/** The settings of Airbyte's job pods: uid/gid 1000, no capabilities, no new privileges, read-only root, 256 MB. */
export const platformFlags = [
  '--network=host',
  '--user',
  '1000:1000',
  '--cap-drop=ALL',
  '--security-opt',
  'no-new-privileges',
  '--read-only',
  '--memory',
  '256m',
];

/** `engine ...args`, its stdout. */
export async function engineOutput(args: string[]): Promise<string> {
  const { stdout } = await run(engine, args, { maxBuffer: 50_000_000 });
  return stdout;
}

/** A shell command inside the image (entrypoint replaced), as its default user unless flags say otherwise. */
export function shellInImage(script: string, flags: string[] = []): Promise<string> {
  return engineOutput(['run', '--rm', ...flags, '--entrypoint', '/bin/sh', image, '-c', script]);
}

export interface ContainerOptions extends Omit<SpawnOptions, 'cliFile' | 'command'> {
  /** A host folder mounted read-only at /data (config, catalog, state). */
  data: string;
  name?: string;
}

/** The connector in the image, with the platform's settings, its stdout parsed line by line. */
export function runContainer(args: string[], options: ContainerOptions): Promise<ConnectorRun> {
  const name = options.name === undefined ? [] : ['--name', options.name];
  const command = [engine, 'run', '--rm', ...name, ...platformFlags, '-v', `${options.data}:/data:ro`, image];
  return spawnConnector(args, { ...options, command });
}
