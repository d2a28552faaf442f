import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { spawnConnector, type ConnectorRun, type SpawnOptions } from '@mb-airbyte/connector-cli/testing';

// The image `pnpm test:image` built (image/test-image.mjs passes these), and how to run it as Airbyte's job pods do.
const run = promisify(execFile);

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: run these tests with pnpm test:image`);
  return value;
}

export const engine = required('CONTAINER_ENGINE');
export const image = required('SOURCE_METABASE_IMAGE');

/** What the build was given as secrets: none of it may be found in the image. */
export const buildSecrets = JSON.parse(required('IMAGE_BUILD_SECRETS')) as { ca?: string; npmrc?: string; canary?: string };

/** The settings of Airbyte's job pods: uid/gid 1000, no capabilities, no new privileges, read-only root, 256 MB. */
export const platformFlags = ['--network=host', '--user', '1000:1000', '--cap-drop=ALL', '--security-opt', 'no-new-privileges', '--read-only', '--memory', '256m'];

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
