// Public API of @mb-airbyte/declarative-source: run Airbyte declarative manifests on the http-source-kit.
export { loadManifest, type ResolvedManifest, type LoadManifestOptions } from './manifest/load-manifest.js';
export { parseManifestText } from './manifest/parse-manifest-text.js';
export { createDeclarativeSource, type DeclarativeSourceOptions } from './build/declarative-source.js';
export { INJECTED_MANIFEST_KEY } from './build/manifest-config.js';
export { SUPPORTED_COMPONENTS, sourceFromManifest } from './source-from-manifest.js';
export { Interpolator, type InterpolationContext } from './interpolation/interpolator.js';
export { injectedManifestSource } from './injected-manifest-source.js';
