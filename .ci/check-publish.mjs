// `pnpm publish --dry-run` of every public workspace package, with the flags `changeset publish` passes
// (--access public --tag latest --no-git-checks --json): it must succeed, and the packed files must hold
// package.json, README.md, LICENSE and every file its exports, types and bin name. Run after the build.
// Prints one line per package, then `passed failed` as the last line for .ci/run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const flags = ['publish', '--dry-run', '--access', 'public', '--tag', 'latest', '--no-git-checks', '--json'];
let passed = 0;
let failed = 0;

/** Every file path the manifest points at (exports conditions, types, main, bin), without a leading ./ */
function entryFiles(manifest) {
  const paths = [];
  const walk = (value) => {
    if (typeof value === 'string') paths.push(value);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([manifest.exports, manifest.types, manifest.main, manifest.bin]);
  return [...new Set(paths.map((path) => path.replace(/^\.\//, '')))];
}

function check(dir, manifest) {
  const result = spawnSync('pnpm', flags, { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) return `exit ${result.status}: ${(result.stderr || result.stdout).trim().slice(0, 500)}`;
  const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
  if (report.id !== `${manifest.name}@${manifest.version}`) return `published ${report.id}`;
  const files = new Set(report.files.map((file) => file.path));
  const missing = ['package.json', 'README.md', 'LICENSE', ...entryFiles(manifest)].filter((file) => !files.has(file));
  return missing.length === 0 ? undefined : `the tarball lacks ${missing.join(', ')}`;
}

for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(group)) {
    const dir = join(group, name);
    if (!existsSync(join(dir, 'package.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (manifest.private === true) continue;
    const problem = check(dir, manifest);
    process.stdout.write(`publish --dry-run ${manifest.name}@${manifest.version}: ${problem ?? 'ok'}\n`);
    if (problem === undefined) passed += 1;
    else failed += 1;
  }
}
process.stdout.write(`${passed} ${failed}\n`);
