// Airbyte's official Metabase manifest is ELv2-licensed: this MIT repository never holds a copy. Tests read it from
// the shared reference set beside the checkout (../shared/reference/… from the repository root) or from
// OFFICIAL_METABASE_MANIFEST, and suites that need it are skipped, saying so, where it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const besideCheckout = `${repositoryRoot}../shared/reference/official-source-metabase/manifest.yaml`;

export const officialManifestFile: string | undefined = [process.env.OFFICIAL_METABASE_MANIFEST ?? besideCheckout].find(
  (path) => existsSync(path),
);

export function officialManifestText(): string {
  if (officialManifestFile === undefined) throw new Error('the official manifest is not available');
  return readFileSync(officialManifestFile, 'utf8');
}

export function warnWhenSkipped(suite: string): void {
  if (officialManifestFile === undefined) {
    console.warn(
      `${suite}: skipped, the official Metabase manifest was not found (set OFFICIAL_METABASE_MANIFEST or place it at ${besideCheckout})`,
    );
  }
}

/** The streams of Airbyte's Metabase manifest, in its order. */
export const officialStreams: readonly string[] = [
  'cards',
  'collections',
  'dashboards',
  'users',
  'databases',
  'native_query_snippets',
  'collections_items_dashboards',
];
