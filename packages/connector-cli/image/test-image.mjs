// `connector-image test` (a connector's `pnpm test:image`): builds the connector's image (same options as
// `connector-image build`) and checks it as the platform would (test-image/*.test.ts of this package, with the
// connector's own fixture, test-image/fixture.ts, for the runs against a server). The report is written to
// <connector>/image-test-results.json. Without --npmrc the build gets a generated .npmrc holding a random canary, so
// the check that no build secret reached the image always has something to look for.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { buildImage, readBuildOptions } from './build-image.mjs';
import { connectorCliDir } from './connector.mjs';

/** Builds the image and runs the checks; returns vitest's exit status (1 when the build failed). */
export function testImage(argv) {
  const options = readBuildOptions(argv);
  const scratch = mkdtempSync(join(tmpdir(), 'mb-airbyte-image-'));
  try {
    let canary;
    if (options.npmrc === undefined) {
      canary = `mb-airbyte-build-secret-${randomUUID()}`;
      options.npmrc = join(scratch, 'npmrc');
      writeFileSync(options.npmrc, `; ${canary}\nfund=false\n`);
    }
    const { engine, tag, connector } = buildImage(options);
    const secrets = { ca: options.ca, npmrc: options.npmrc, canary };
    const env = {
      ...process.env,
      CONTAINER_ENGINE: engine,
      CONNECTOR_IMAGE: tag,
      CONNECTOR_DIR: connector.packageDir,
      IMAGE_BUILD_SECRETS: JSON.stringify(secrets),
    };
    const report = join(connector.packageDir, 'image-test-results.json');
    const args = ['exec', 'vitest', 'run', '--config', 'vitest.image.config.ts', `--outputFile.json=${report}`];
    return spawnSync('pnpm', args, { cwd: connectorCliDir, stdio: 'inherit', env }).status ?? 1;
  } catch (error) {
    process.stderr.write(`[image] ${error.message}\n`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
