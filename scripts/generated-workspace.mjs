// A copy of this workspace (sources and built dist folders, no node_modules) with a connector made by
// `pnpm gen:source`, installed: what a contributor has after step 1 of CONTRIBUTING's "Adding a connector".
// Used by packages/connector-cli/test/source-generator.test.ts and scripts/test-generated-image.mjs.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../', import.meta.url));
const left = new Set([
  'node_modules',
  '.git',
  '.turbo',
  '.demo',
  'coverage',
  'bench-results',
  'test-results.json',
  'image-test-results.json',
]);
/** What the generated package builds against. */
const needed = ['packages/airbyte-protocol/dist', 'packages/http-source-kit/dist', 'packages/connector-cli/dist'];
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', CI: 'true', FORCE_COLOR: '0' };

/** `pnpm ...args` in `cwd`, its output; throws with the end of that output when it fails. */
export async function pnpm(args, cwd, timeout = 180_000) {
  try {
    const { stdout, stderr } = await run('pnpm', args, { cwd, env, timeout, maxBuffer: 20_000_000 });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error;
    throw new Error(`pnpm ${args.join(' ')} failed in ${cwd}:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`, {
      cause: error,
    });
  }
}

/** Copies the workspace, runs `pnpm gen:source --args name title apiUrl` in the copy and installs the result. */
export async function generateInWorkspaceCopy(name, title, apiUrl) {
  const missing = needed.filter((dir) => !existsSync(join(root, dir)));
  if (missing.length > 0) throw new Error(`not built: ${missing.join(', ')} (run pnpm build first)`);
  const copy = await mkdtemp(join(tmpdir(), 'mb-airbyte-gen-'));
  const remove = () => rm(copy, { recursive: true, force: true });
  try {
    await cp(root, copy, {
      recursive: true,
      filter: (source) => !left.has(basename(source)) || relative(root, source) === '',
    });
    // --prefer-offline, not --offline: packages come from the local store when it has them, but pnpm's metadata
    // cache may lack an entry (a fresh CI machine), and --offline then fails with ERR_PNPM_NO_OFFLINE_META.
    await pnpm(['install', '--prefer-offline', '--frozen-lockfile'], copy);
    await pnpm(['gen:source', '--args', name, title, apiUrl], copy);
    // The lockfile gains the new package (the image's build installs from it with --frozen-lockfile).
    await pnpm(['install', '--prefer-offline', '--no-frozen-lockfile'], copy);
  } catch (error) {
    await remove();
    throw error;
  }
  return { root: copy, packageDir: join(copy, 'packages', `source-${name}`), remove };
}
