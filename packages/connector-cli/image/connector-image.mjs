#!/usr/bin/env node
// connector-image: a connector's Docker image, run from the connector's package directory (or --connector DIR).
//   connector-image dockerfile [--check]   write the Dockerfile and its .dockerignore (--check: fail if they differ)
//   connector-image build [--ca FILE] [--npmrc FILE] [--tag TAG]   build <dockerRepository>:<version>
//   connector-image test [same options]    build it, then check it as the platform runs it (test-image/)
//   connector-image sync-version           metadata.yaml's dockerImageTag and the Dockerfile follow package.json's version
//   connector-image engine                 print the container engine that would be used
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { buildImage, readBuildOptions } from './build-image.mjs';
import { readConnector } from './connector.mjs';
import { findContainerEngine, noEngineHelp } from './container-engine.mjs';
import { renderDockerfile, renderDockerignore, writeDockerfile } from './dockerfile.mjs';
import { syncVersion } from './sync-version.mjs';
import { testImage } from './test-image.mjs';

const usage =
  'Usage: connector-image <dockerfile [--check] | sync-version | build | test | engine> [--connector DIR] [--ca FILE] [--npmrc FILE] [--tag TAG]';
const [command, ...rest] = process.argv.slice(2);

function dockerfile(argv) {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, connector: { type: 'string' } } });
  const connector = readConnector(values.connector);
  if (values.check !== true) {
    for (const file of writeDockerfile(connector)) process.stdout.write(`${file}\n`);
    return 0;
  }
  const stale = [
    ['Dockerfile', renderDockerfile(connector)],
    ['Dockerfile.dockerignore', renderDockerignore(connector)],
  ].filter(([name, text]) => {
    try {
      return readFileSync(join(connector.packageDir, name), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  for (const [name] of stale)
    process.stderr.write(
      `${connector.dir}/${name} is not connector-cli's for this package: run connector-image dockerfile\n`,
    );
  return stale.length === 0 ? 0 : 1;
}

try {
  switch (command) {
    case 'dockerfile':
      process.exitCode = dockerfile(rest);
      break;
    case 'sync-version': {
      const { values } = parseArgs({ args: rest, options: { connector: { type: 'string' } } });
      for (const file of syncVersion(readConnector(values.connector))) process.stdout.write(`${file}\n`);
      break;
    }
    case 'build':
      process.stdout.write(`${buildImage(readBuildOptions(rest)).tag}\n`);
      break;
    case 'test':
      process.exitCode = testImage(rest);
      break;
    case 'engine': {
      const engine = findContainerEngine();
      if (engine === undefined) throw new Error(noEngineHelp);
      process.stdout.write(`${engine}\n`);
      break;
    }
    default:
      process.stderr.write(`${usage}\n`);
      process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`[image] ${error.message}\n`);
  process.exitCode = 1;
}
