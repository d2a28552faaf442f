// After `changeset version` bumps a connector's package.json: its image files follow (metadata.yaml's dockerImageTag,
// which the registry and the image checks read, and the Dockerfile's label and build hint).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDockerfile } from './dockerfile.mjs';

/** Sets metadata.yaml's dockerImageTag to the package version and rewrites the Dockerfile; returns the files written. */
export function syncVersion(connector) {
  const metadataFile = join(connector.packageDir, 'metadata.yaml');
  const before = readFileSync(metadataFile, 'utf8');
  const tagLine = /^(\s*dockerImageTag:\s*)\S.*$/m;
  if (!tagLine.test(before)) throw new Error(`${metadataFile} has no data.dockerImageTag`);
  const after = before.replace(tagLine, `$1${connector.version}`);
  if (after !== before) writeFileSync(metadataFile, after);
  return [metadataFile, ...writeDockerfile(connector)];
}
