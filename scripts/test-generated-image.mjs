#!/usr/bin/env node
// Part of `pnpm test:image`: the image of a connector fresh from `pnpm gen:source` must pass the same checks as the
// Metabase image (connector-cli's test-image/, through the generated package's own `pnpm test:image`). It runs in a
// copy of the workspace (scripts/generated-workspace.mjs), which is also the image's build context; the checks'
// report is copied to packages/connector-cli/image-test-results.json, where .ci/run counts it.
// Arguments are passed on to `connector-image test` (--ca FILE, --npmrc FILE).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { readConnector } from '../packages/connector-cli/image/connector.mjs';
import { findContainerEngine } from '../packages/connector-cli/image/container-engine.mjs';
import { generateInWorkspaceCopy, pnpm } from './generated-workspace.mjs';

const report = fileURLToPath(new URL('../packages/connector-cli/image-test-results.json', import.meta.url));
const log = (line) => process.stderr.write(`[generated image] ${line}\n`);

rmSync(report, { force: true });
const started = performance.now();
let status = 1;
let generated;
try {
  generated = await generateInWorkspaceCopy('acme-crm', 'Acme CRM', 'https://api.acme.example/v1/');
  log(`generated packages/source-acme-crm in ${generated.root}`);
  await pnpm(['run', 'build'], generated.packageDir); // the bundle the checks compare the image with
  const result = spawnSync('pnpm', ['run', 'test:image', ...process.argv.slice(2)], {
    cwd: generated.packageDir,
    stdio: 'inherit',
  });
  status = result.status ?? 1;
  const inner = join(generated.packageDir, 'image-test-results.json');
  if (existsSync(inner)) copyFileSync(inner, report);
  else log('the checks wrote no report');
  // The image served its purpose; the engine keeps the build cache for the next run.
  const engine = findContainerEngine();
  if (engine !== undefined)
    spawnSync(engine, ['rmi', '--force', readConnector(generated.packageDir).tag], { stdio: 'ignore' });
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
} finally {
  await generated?.remove();
}
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s, exit ${status}`);
process.exit(status);
