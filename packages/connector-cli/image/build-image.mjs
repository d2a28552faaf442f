// `connector-image build` (a connector's `pnpm image`): builds <dockerRepository>:<version> from the connector's
// Dockerfile with docker or podman. The connector is the package in the current directory (or --connector DIR):
// metadata.yaml names the image, package.json's version tags it.
//   --ca FILE      a PEM bundle to trust while dependencies download (default: $NODE_EXTRA_CA_CERTS when set)
//   --npmrc FILE   a whole .npmrc for that step (a mirror or private registry and its token)
// Both are build secrets: mounted for the download steps only, never written to a layer.
// The bases are node:20-bookworm-slim and debian:bookworm-slim when they are present or can be pulled; otherwise
// stand-ins built from Debian packages (build-local-base.sh, once per machine, kept by the engine). NODE_IMAGE and
// DEBIAN_IMAGE choose other bases.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readConnector } from './connector.mjs';
import { findContainerEngine, noEngineHelp } from './container-engine.mjs';

const localBaseScript = fileURLToPath(new URL('build-local-base.sh', import.meta.url));
const bases = [
  { arg: 'NODE_IMAGE', official: 'docker.io/library/node:20-bookworm-slim', local: 'localhost/node:20-bookworm-slim' },
  { arg: 'DEBIAN_IMAGE', official: 'docker.io/library/debian:bookworm-slim', local: 'localhost/debian:bookworm-slim' },
];

const quiet = (engine, args) => spawnSync(engine, args, { stdio: 'ignore' }).status === 0;
const hasImage = (engine, image) => quiet(engine, ['image', 'inspect', image]);

function log(line) {
  process.stderr.write(`[image] ${line}\n`);
}

/** Each base: set by the environment, else the official image if present or pullable, else the local stand-in. */
function chooseBases(engine) {
  const chosen = {};
  for (const base of bases) {
    const fromEnv = process.env[base.arg];
    if (fromEnv !== undefined && fromEnv !== '') chosen[base.arg] = fromEnv;
    else if (hasImage(engine, base.official)) chosen[base.arg] = base.official;
    else if (hasImage(engine, base.local)) chosen[base.arg] = base.local;
    else if (quiet(engine, ['pull', '--quiet', base.official])) chosen[base.arg] = base.official;
  }
  if (bases.every((base) => chosen[base.arg] !== undefined)) return chosen;
  log(
    'the base images cannot be pulled: building them from Debian packages (build-local-base.sh of @mb-airbyte/connector-cli)',
  );
  const built = spawnSync(localBaseScript, [], { stdio: 'inherit', env: { ...process.env, CONTAINER_ENGINE: engine } });
  if (built.status !== 0)
    throw new Error('building the local base images failed (it needs root, mmdebstrap and a Debian mirror)');
  for (const base of bases) chosen[base.arg] ??= base.local;
  return chosen;
}

/** The `--secret` flags: which secrets the build gets (their names are logged, never their content). */
function secretFlags(options) {
  const flags = [];
  for (const [id, file] of [
    ['ca', options.ca],
    ['npmrc', options.npmrc],
  ]) {
    if (file === undefined || file === '') continue;
    if (!existsSync(file)) throw new Error(`--${id}: ${file} does not exist`);
    flags.push('--secret', `id=${id},src=${file}`);
    log(`build secret ${id} from ${file}`);
  }
  return flags;
}

/** Builds the connector's image and returns its tag; throws with a message a person can act on. */
export function buildImage(options = {}) {
  const connector = readConnector(options.connector);
  const engine = findContainerEngine();
  if (engine === undefined) throw new Error(noEngineHelp);
  const tag = options.tag ?? connector.tag;
  const buildArgs = Object.entries(chooseBases(engine)).flatMap(([arg, image]) => ['--build-arg', `${arg}=${image}`]);
  const dockerfile = join(connector.packageDir, 'Dockerfile');
  if (!existsSync(dockerfile)) throw new Error(`${dockerfile} is missing: write it with connector-image dockerfile`);
  const ignore = engine === 'podman' ? ['--ignorefile', `${dockerfile}.dockerignore`] : [];
  const args = ['build', '-f', dockerfile, ...ignore, '-t', tag, ...buildArgs, ...secretFlags(options), connector.root];
  log(`${engine} ${args.join(' ')}`);
  const started = performance.now();
  const result = spawnSync(engine, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
  });
  if (result.status !== 0) throw new Error(`${engine} build failed (exit ${result.status ?? result.signal})`);
  const size = spawnSync(engine, ['image', 'inspect', '--format', '{{.Size}}', tag], {
    encoding: 'utf8',
  }).stdout.trim();
  log(
    `${tag} built with ${engine} in ${((performance.now() - started) / 1000).toFixed(1)} s, ${(Number(size) / 1e6).toFixed(1)} MB`,
  );
  return { engine, tag, connector, secrets: { ca: options.ca, npmrc: options.npmrc } };
}

/** Command-line options shared by `connector-image build` and `connector-image test`. */
export function readBuildOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      ca: { type: 'string' },
      npmrc: { type: 'string' },
      tag: { type: 'string' },
      connector: { type: 'string' },
    },
  });
  return {
    ca: values.ca ?? process.env.NODE_EXTRA_CA_CERTS,
    npmrc: values.npmrc,
    tag: values.tag,
    connector: values.connector,
  };
}
