// Keeps the Docker image tag in step with this package's version after `changeset version`:
// apps/cli/metadata.yaml (dockerImageTag) and apps/cli/Dockerfile (io.airbyte.version and the build hint).
// Plain .mjs so it runs straight after versioning, before any build.
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const here = new URL('../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', here), 'utf8'));

function rewrite(file, replacements) {
  const url = new URL(file, here);
  const before = readFileSync(url, 'utf8');
  let after = before;
  for (const [pattern, replacement] of replacements) after = after.replace(pattern, replacement);
  if (after !== before) writeFileSync(url, after);
  process.stdout.write(`${file}: ${after === before ? 'already' : 'now'} at ${version}\n`);
}

rewrite('metadata.yaml', [[/^(\s*dockerImageTag:\s*).*$/m, `$1${version}`]]);
rewrite('Dockerfile', [
  [/^(LABEL io\.airbyte\.version=).*$/m, `$1"${version}"`],
  [/(mb-airbyte\/source-metabase:)\S+( \.)/, `$1${version}$2`],
]);
