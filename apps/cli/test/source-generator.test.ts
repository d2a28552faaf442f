import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `pnpm gen:source` in a copy of this workspace (without node_modules): the generated package must install, build,
// lint, typecheck and pass its own test (which reads its example stream from a local HTTPS server).
// Set SKIP_GENERATOR_TEST=1 to leave it out of a quick local run.
const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const needsBuild = ['packages/airbyte-protocol/dist', 'packages/http-source-kit/dist'].filter((dir) => !existsSync(join(root, dir)));
const skipReason = process.env.SKIP_GENERATOR_TEST === '1' ? 'SKIP_GENERATOR_TEST=1' : needsBuild.length > 0 ? `not built: ${needsBuild.join(', ')}` : '';
const skipped = new Set(['node_modules', '.git', '.turbo', '.demo', 'coverage', 'bench-results', 'test-results.json']);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', CI: 'true', FORCE_COLOR: '0' };
let copy = '';

async function pnpm(args: string[], cwd: string, timeout = 120_000): Promise<string> {
  try {
    const { stdout, stderr } = await run('pnpm', args, { cwd, env, timeout, maxBuffer: 20_000_000 });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`pnpm ${args.join(' ')} failed in ${cwd}:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`, { cause: error });
  }
}

describe.skipIf(skipReason !== '')(`pnpm gen:source${skipReason === '' ? '' : ` (skipped: ${skipReason})`}`, () => {
  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'mb-airbyte-gen-'));
    // Sources and the built dist folders of the packages (so the new package can build against them).
    await cp(root, copy, { recursive: true, filter: (source) => !skipped.has(basename(source)) || relative(root, source) === '' });
    // --prefer-offline, not --offline: packages come from the local store when it has them, but pnpm's metadata
    // cache may lack an entry (a fresh CI machine), and --offline then fails with ERR_PNPM_NO_OFFLINE_META.
    await pnpm(['install', '--prefer-offline', '--no-frozen-lockfile'], copy);
    await pnpm(['gen:source', '--args', 'acme-crm', 'Acme CRM', 'https://api.acme.example/v1/'], copy);
    await pnpm(['install', '--prefer-offline', '--no-frozen-lockfile'], copy);
  }, 240_000);

  afterAll(async () => {
    if (copy !== '') await rm(copy, { recursive: true, force: true });
  });

  it('writes the package, its README and a first changeset', async () => {
    const dir = join(copy, 'packages/source-acme-crm');
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string; exports: Record<string, { types: string; import: string }>; scripts: Record<string, string> };
    expect(pkg.name).toBe('@mb-airbyte/source-acme-crm');
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['build', 'typecheck', 'lint', 'test']));
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toContain('# Acme CRM');
    expect(await readFile(join(copy, '.changeset/source-acme-crm-first-release.md'), 'utf8')).toContain('"@mb-airbyte/source-acme-crm": minor');
  });

  it('builds, lints, typechecks and passes its own test', async () => {
    const dir = join(copy, 'packages/source-acme-crm');
    await pnpm(['run', 'build'], dir);
    expect(existsSync(join(dir, 'dist/index.js'))).toBe(true);
    await pnpm(['run', 'lint'], dir);
    await pnpm(['run', 'typecheck'], dir);
    await pnpm(['run', 'test'], dir);
    const report = JSON.parse(await readFile(join(dir, 'test-results.json'), 'utf8')) as { numPassedTests: number; numFailedTests: number };
    expect(report).toMatchObject({ numPassedTests: 3, numFailedTests: 0 });
  }, 240_000);
});
