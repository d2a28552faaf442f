// Run by `pnpm version-packages` straight after `changeset version`, after `connector-image sync-version` has set
// apps/cli/metadata.yaml's dockerImageTag and the Dockerfile's label (plain .mjs, so no build is needed). The CLI and
// @mb-airbyte/source-metabase are one fixed changesets group, so this package's version is the connector's; this
// copies it to the changelog table in the source's README (its "Unreleased" row, or a new row made from the
// CHANGELOG.md entry changesets just wrote).
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const here = new URL('../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', here), 'utf8'));
const today = new Date().toISOString().slice(0, 10);

function rewrite(file, replacements) {
  const url = new URL(file, here);
  const before = readFileSync(url, 'utf8');
  let after = before;
  for (const [pattern, replacement] of replacements) after = after.replace(pattern, replacement);
  if (after !== before) writeFileSync(url, after);
  process.stdout.write(`${file}: ${after === before ? 'unchanged' : `now at ${version}`}\n`);
}

/** The first line of each entry of this version's section in the source's CHANGELOG.md, without the commit id. */
function releaseSubjects() {
  const changelog = readFileSync(new URL('../../packages/source-metabase/CHANGELOG.md', here), 'utf8');
  const section = changelog.split(/^## /m).find((part) => part.startsWith(`${version}\n`)) ?? '';
  return [...section.matchAll(/^- (?:[0-9a-f]{7,}: )?(.+)$/gm)].map((m) => m[1].replaceAll('|', '\\|')).join('; ');
}

const readme = '../../packages/source-metabase/README.md';
if (/^\| Unreleased \| \|/m.test(readFileSync(new URL(readme, here), 'utf8'))) {
  rewrite(readme, [[/^\| Unreleased \| \|/m, `| ${version} | ${today} |`]]);
} else {
  rewrite(readme, [
    [
      /^(\| \d+\.\d+\.\d+ \|)/m,
      (row) => (row.includes(` ${version} `) ? row : `| ${version} | ${today} | | ${releaseSubjects()} |\n${row}`),
    ],
  ]);
}
