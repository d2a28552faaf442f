// Where Airbyte's official Metabase manifest is read from. It is ELv2-licensed, so this MIT repository never holds a
// copy: it comes from the shared reference set beside the checkout, or from OFFICIAL_METABASE_MANIFEST.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const referenceCopy = fileURLToPath(
  new URL('../../../../../shared/reference/official-source-metabase/manifest.yaml', import.meta.url),
);

export const OFFICIAL_MANIFEST_HINT = `set OFFICIAL_METABASE_MANIFEST or place it at ${referenceCopy}`;

export function officialManifestPath(): string | undefined {
  const path = process.env.OFFICIAL_METABASE_MANIFEST ?? referenceCopy;
  return existsSync(path) ? path : undefined;
}
