// Which container engine builds and runs the image: CONTAINER_ENGINE if set, else docker when its daemon answers,
// else podman when it runs. A docker client without a daemon (common on CI machines) does not count.
// Run directly, it prints the engine's name, or exits 1 saying how to get one.
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

function answers(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 });
  return result.status === 0;
}

/** 'docker', 'podman' or undefined. */
export function findContainerEngine() {
  const chosen = process.env.CONTAINER_ENGINE;
  if (chosen !== undefined && chosen !== '') return chosen;
  if (answers('docker', ['version', '--format', '{{.Server.Version}}'])) return 'docker';
  if (answers('podman', ['version'])) return 'podman';
  return undefined;
}

export const noEngineHelp =
  'No container engine: neither a docker daemon nor podman answers. Install one (on Debian: apt-get install -y podman runc) or set CONTAINER_ENGINE.';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const engine = findContainerEngine();
  if (engine === undefined) {
    process.stderr.write(`${noEngineHelp}\n`);
    process.exit(1);
  }
  process.stdout.write(`${engine}\n`);
}
