import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sourceVersion } from '@mb-airbyte/source-metabase';
import { cliVersion } from '../src/version.js';

// `pnpm version-packages` in a scratch copy of the workspace's release files (package.json files, changesets,
// CHANGELOGs, metadata.yaml, Dockerfile), committed to a new git repository as a clone would be: the connector,
// the CLI, the image label and tag and the CHANGELOGs must all land on the same next version.
const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const source = '@mb-airbyte/source-metabase';
const cli = '@mb-airbyte/source-metabase-cli';
const bumps = ['patch', 'minor', 'major'] as const;
type Bump = (typeof bumps)[number];
const releaseFiles = [
  'package.json',
  'pnpm-workspace.yaml',
  '.changeset',
  'apps/cli/metadata.yaml',
  'apps/cli/Dockerfile',
  'apps/cli/scripts/sync-version.mjs',
  'packages/connector-cli/image',
  'packages/source-metabase/README.md',
];
let scratch = '';

afterEach(async () => {
  if (scratch !== '') await rm(scratch, { recursive: true, force: true });
  scratch = '';
});

async function workspaceDirs(): Promise<string[]> {
  const groups = await Promise.all(
    ['packages', 'apps'].map(async (group) => (await readdir(join(root, group))).map((dir) => join(group, dir))),
  );
  return groups.flat().filter((dir) => existsSync(join(root, dir, 'package.json')));
}

/** A git repository holding what `pnpm version-packages` reads and writes, with the workspace's node_modules. */
async function scratchWorkspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mb-airbyte-release-'));
  const files = [...releaseFiles];
  for (const pkg of await workspaceDirs())
    files.push(...['package.json', 'CHANGELOG.md'].map((f) => join(pkg, f)).filter((f) => existsSync(join(root, f))));
  for (const file of files) await cp(join(root, file), join(dir, file), { recursive: true });
  // pnpm refuses a symlinked node_modules; a real one linking the workspace's .bin and @changesets gives `changeset`.
  await mkdir(join(dir, 'node_modules'));
  for (const entry of ['.bin', '@changesets'])
    await symlink(join(root, 'node_modules', entry), join(dir, 'node_modules', entry));
  // The CLI's sync-version runs connector-image: the scratch copy's, so the Dockerfile it writes names scratch paths.
  await mkdir(join(dir, 'apps/cli/node_modules/.bin'), { recursive: true });
  await symlink(
    join(dir, 'packages/connector-cli/image/connector-image.mjs'),
    join(dir, 'apps/cli/node_modules/.bin/connector-image'),
  );
  await run('git', ['init', '--quiet', '--initial-branch=main'], { cwd: dir });
  await commitAll(dir, 'scratch');
  return dir;
}

async function commitAll(dir: string, message: string): Promise<void> {
  await run('git', ['add', '--all'], { cwd: dir });
  await run(
    'git',
    [
      '-c',
      'user.name=release test',
      '-c',
      'user.email=release@example.invalid',
      'commit',
      '--quiet',
      '--message',
      message,
    ],
    { cwd: dir },
  );
}

async function versionPackages(dir: string): Promise<void> {
  await run('pnpm', ['run', 'version-packages'], { cwd: dir, env: { ...process.env, CI: 'true' }, timeout: 60_000 });
}

const packageVersion = (dir: string, pkg: string) =>
  (JSON.parse(readFileSync(join(dir, pkg, 'package.json'), 'utf8')) as { version: string }).version;
const changelogVersions = (text: string) => [...text.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
/** The version column of the changelog table in the source's README. */
const readmeVersions = (dir: string) =>
  [
    ...readFileSync(join(dir, 'packages/source-metabase/README.md'), 'utf8').matchAll(
      /^\| (Unreleased|\d+\.\d+\.\d+) \|/gm,
    ),
  ].map((m) => m[1]);

function bumped(version: string, bump: Bump): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The largest bump the pending changesets ask for either package of the connector. */
async function pendingBump(dir: string): Promise<{ bump: Bump | undefined; summaries: string[] }> {
  let bump: Bump | undefined;
  const summaries: string[] = [];
  for (const file of (await readdir(join(dir, '.changeset'))).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const [, front = '', body = ''] =
      /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(await readFile(join(dir, '.changeset', file), 'utf8')) ?? [];
    for (const [, name, kind] of front.matchAll(/^"([^"]+)":\s*(\w+)$/gm)) {
      if (name !== source && name !== cli) continue;
      if (name === source) summaries.push(body.trim().split('\n')[0] ?? '');
      const rank = bumps.indexOf(kind as Bump);
      if (bump === undefined || rank > bumps.indexOf(bump)) bump = kind as Bump;
    }
  }
  return { bump, summaries };
}

/** Every place that states the connector's version, after versioning. */
function statedVersions(dir: string): Record<string, string | undefined> {
  const dockerfile = readFileSync(join(dir, 'apps/cli/Dockerfile'), 'utf8');
  const metadata = parse(readFileSync(join(dir, 'apps/cli/metadata.yaml'), 'utf8')) as {
    data: { dockerImageTag: string };
  };
  return {
    'source package.json': packageVersion(dir, 'packages/source-metabase'),
    'cli package.json (--version)': packageVersion(dir, 'apps/cli'),
    'metadata.yaml dockerImageTag': metadata.data.dockerImageTag,
    'Dockerfile io.airbyte.version': /^LABEL io\.airbyte\.version="([^"]+)"$/m.exec(dockerfile)?.[1],
    'source CHANGELOG top entry': changelogVersions(
      readFileSync(join(dir, 'packages/source-metabase/CHANGELOG.md'), 'utf8'),
    )[0],
    'cli CHANGELOG top entry': changelogVersions(readFileSync(join(dir, 'apps/cli/CHANGELOG.md'), 'utf8'))[0],
    'source README changelog top row': readmeVersions(dir)[0],
  };
}

describe('pnpm version-packages', () => {
  it('the CLI and the connector state one version now', () => {
    expect(cliVersion).toBe(sourceVersion);
    const config = JSON.parse(readFileSync(join(root, '.changeset/config.json'), 'utf8')) as { fixed: string[][] };
    expect(config.fixed).toContainEqual(expect.arrayContaining([source, cli]));
  });

  it('turns the pending changesets into the next version after the CHANGELOG top, everywhere', async () => {
    scratch = await scratchWorkspace();
    const before = packageVersion(scratch, 'packages/source-metabase');
    const history = changelogVersions(readFileSync(join(scratch, 'packages/source-metabase/CHANGELOG.md'), 'utf8'));
    expect(history[0]).toBe(before);
    const { bump, summaries } = await pendingBump(scratch);
    await versionPackages(scratch);
    // Nothing pending for the connector (just after a release): every place keeps the released version.
    const next = bump === undefined ? before : bumped(before, bump);
    for (const [place, version] of Object.entries(statedVersions(scratch))) expect(version, place).toBe(next);
    const changelog = readFileSync(join(scratch, 'packages/source-metabase/CHANGELOG.md'), 'utf8');
    expect(changelogVersions(changelog)).toEqual(bump === undefined ? history : [next, ...history]);
    const entry = changelog.slice(changelog.indexOf(`## ${next}`), changelog.indexOf(`## ${before}`));
    for (const summary of summaries) expect(entry).toContain(summary);
  }, 90_000);

  it('moves the CLI and the image with a patch to the connector alone', async () => {
    scratch = await scratchWorkspace();
    const before = packageVersion(scratch, 'packages/source-metabase');
    for (const file of await readdir(join(scratch, '.changeset')))
      if (file.endsWith('.md') && file !== 'README.md') await rm(join(scratch, '.changeset', file));
    await writeFile(
      join(scratch, '.changeset/one-fix.md'),
      `---\n"${source}": patch\n---\n\nA fix in the connector alone.\n`,
    );
    // As just after a release: no hand-written "Unreleased" row in the README's changelog table.
    const readme = join(scratch, 'packages/source-metabase/README.md');
    await writeFile(readme, (await readFile(readme, 'utf8')).replace(/^\| Unreleased \|.*\n/m, ''));
    await commitAll(scratch, 'a fix');
    await versionPackages(scratch);
    const next = bumped(before, 'patch');
    for (const [place, version] of Object.entries(statedVersions(scratch))) expect(version, place).toBe(next);
    expect(readFileSync(join(scratch, 'packages/source-metabase/CHANGELOG.md'), 'utf8')).toMatch(
      new RegExp(
        `## ${next.replaceAll('.', '\\.')}\\n\\n### Patch Changes\\n\\n- [0-9a-f]{7}: A fix in the connector alone\\.`,
      ),
    );
    expect(readFileSync(join(scratch, 'apps/cli/Dockerfile'), 'utf8')).toContain(
      `mb-airbyte/source-metabase:${next} .`,
    );
    expect(await readFile(readme, 'utf8')).toMatch(
      new RegExp(
        `^\\| ${next.replaceAll('.', '\\.')} \\| \\d{4}-\\d\\d-\\d\\d \\| \\| A fix in the connector alone\\. \\|\\n\\| ${before.replaceAll('.', '\\.')} \\|`,
        'm',
      ),
    );
  }, 90_000);
});
