import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Proves each public package, packed as npm would publish it, installs into an empty project and works there:
// its main export imports, and the CLI's bin runs. Needs the packages built (turbo runs build before test).
const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const publicPackages = [
  { name: '@mb-airbyte/airbyte-protocol', dir: 'packages/airbyte-protocol', probe: 'MessageWriter' },
  { name: '@mb-airbyte/http-source-kit', dir: 'packages/http-source-kit', probe: 'runSource' },
  { name: '@mb-airbyte/source-metabase', dir: 'packages/source-metabase', probe: 'metabaseSource' },
  { name: '@mb-airbyte/connector-cli', dir: 'packages/connector-cli', probe: 'runCli' },
  { name: '@mb-airbyte/source-metabase-cli', dir: 'apps/cli', probe: 'main' },
  { name: '@mb-airbyte/declarative-source', dir: 'packages/declarative-source', probe: 'sourceFromManifest' },
  // A bin only (one bundled file, no main export): its bin is run below.
  { name: '@mb-airbyte/source-declarative-manifest', dir: 'apps/declarative-cli', probe: undefined },
];
const withMainExport = publicPackages.filter((p) => p.probe !== undefined);
const missingBuild = publicPackages.filter((p) => !existsSync(join(root, p.dir, 'dist'))).map((p) => p.dir);
let work = '';

describe.skipIf(missingBuild.length > 0)(
  `pnpm pack of every public package${missingBuild.length > 0 ? ` (skipped: no dist in ${missingBuild.join(', ')}; run pnpm build)` : ''}`,
  () => {
    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'mb-airbyte-pack-'));
      const tarballs = join(work, 'tarballs');
      for (const p of publicPackages)
        await run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: join(root, p.dir) });
      const files = (await readdir(tarballs)).map((file) => join(tarballs, file));
      const project = join(work, 'project');
      await run('mkdir', ['-p', project]);
      await writeFile(
        join(project, 'package.json'),
        JSON.stringify({ name: 'pack-probe', private: true, type: 'module' }),
      );
      // The tarballs satisfy each other's dependencies; zod comes from the npm cache or registry.
      await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...files], {
        cwd: project,
        timeout: 90_000,
      });
    }, 120_000);

    afterAll(async () => {
      if (work !== '') await rm(work, { recursive: true, force: true });
    });

    it.each(withMainExport)('$name imports from its tarball and exports $probe', async ({ name, probe }) => {
      const script = `const m = await import(${JSON.stringify(name)}); console.log(typeof m[${JSON.stringify(probe)}]);`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd: join(work, 'project'),
      });
      expect(stdout.trim()).toMatch(/^(function|object)$/);
    });

    it('installs the source-metabase bin, which prints the CLI version', async () => {
      const { stdout } = await run(join(work, 'project', 'node_modules', '.bin', 'source-metabase'), ['--version'], {
        cwd: join(work, 'project'),
      });
      const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
      expect(stdout).toBe(`${version}\n`);
    });

    it('installs the source-declarative-manifest bin, which prints its version', async () => {
      const { stdout } = await run(
        join(work, 'project', 'node_modules', '.bin', 'source-declarative-manifest'),
        ['--version'],
        { cwd: join(work, 'project') },
      );
      const manifest = join(root, 'apps/declarative-cli/package.json');
      const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
      expect(stdout).toBe(`${version}\n`);
    });

    it('declares every package that its published files import (dependency or peer)', async () => {
      const undeclared: string[] = [];
      for (const p of publicPackages) {
        const installed = join(work, 'project', 'node_modules', ...p.name.split('/'));
        const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as Record<
          string,
          Record<string, string> | undefined
        >;
        const declared = new Set([
          ...Object.keys(manifest.dependencies ?? {}),
          ...Object.keys(manifest.peerDependencies ?? {}),
        ]);
        for (const file of await filesUnder(join(installed, 'dist')))
          for (const imported of importedPackages(await readFile(file, 'utf8')))
            if (!declared.has(imported))
              undeclared.push(`${p.name}: ${file.slice(installed.length + 1)} imports ${imported}`);
      }
      expect(undeclared).toEqual([]);
    });

    it('ships dist, README and LICENSE in each tarball, and no tests or sources', async () => {
      for (const p of publicPackages) {
        const installed = join(work, 'project', 'node_modules', ...p.name.split('/'));
        const entries = await readdir(installed);
        expect(entries).toEqual(expect.arrayContaining(['dist', 'README.md', 'LICENSE', 'package.json']));
        expect(entries).not.toContain('src');
        expect(entries).not.toContain('test');
      }
    });
  },
);

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The packages a JavaScript or declaration file imports by bare name (not Node's own modules). */
function importedPackages(text: string): Set<string> {
  const names = new Set<string>();
  // A call inside a string is code that a library generates (ajv's `'require("ajv/dist/runtime/equal")'`), not an import.
  for (const match of text.matchAll(
    /(?:\bfrom\s*|(?<!['"`])\bimport\s*\(\s*|(?<!['"`])\brequire\s*\(\s*|^import\s+)['"]([^'"\s]+)['"]/gm,
  )) {
    const specifier = match[1] ?? '';
    if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) continue;
    const name = specifier.startsWith('@')
      ? specifier.split('/').slice(0, 2).join('/')
      : (specifier.split('/')[0] ?? '');
    // Only what can be a package name: a template in generated code (`${...}`) is not an import.
    if (/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(name) && !builtinModules.includes(name)) names.add(name);
  }
  return names;
}
