// Public API of @mb-airbyte/declarative-source: run Airbyte declarative manifests on the http-source-kit.
export { loadManifest, type ResolvedManifest, type LoadManifestOptions } from './manifest/load-manifest.js';
export { parseManifestText } from './manifest/parse-manifest-text.js';
