// `pnpm test:image`: builds the image (same options as `pnpm image`) and checks it as the platform would
// (test-image/*.test.ts). Without --npmrc the build gets a generated .npmrc holding a random canary, so the check
// that no build secret reached the image always has something to look for.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { buildImage, readBuildOptions } from './build-image.mjs';

const cliDir = fileURLToPath(new URL('../', import.meta.url));
const options = readBuildOptions(process.argv.slice(2));
const scratch = mkdtempSync(join(tmpdir(), 'mb-airbyte-image-'));
let status = 1;
try {
  let canary;
  if (options.npmrc === undefined) {
    canary = `mb-airbyte-build-secret-${randomUUID()}`;
    options.npmrc = join(scratch, 'npmrc');
    writeFileSync(options.npmrc, `; ${canary}\nfund=false\n`);
  }
  const { engine, tag } = buildImage(options);
  const secrets = { ca: options.ca, npmrc: options.npmrc, canary };
  const env = { ...process.env, CONTAINER_ENGINE: engine, SOURCE_METABASE_IMAGE: tag, IMAGE_BUILD_SECRETS: JSON.stringify(secrets) };
  const vitest = spawnSync('pnpm', ['exec', 'vitest', 'run', '--config', 'vitest.image.config.ts'], { cwd: cliDir, stdio: 'inherit', env });
  status = vitest.status ?? 1;
} catch (error) {
  process.stderr.write(`[image] ${error.message}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(status);
