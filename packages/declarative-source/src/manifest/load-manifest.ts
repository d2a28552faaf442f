import { assertSupported } from './find-unsupported.js';
import { parseManifestText } from './parse-manifest-text.js';
import { propagateComponents } from './propagate-components.js';
import { resolveReferences } from './resolve-references.js';
import { validateManifest } from './validate-manifest.js';
import { manifestError } from './manifest-error.js';

/** A manifest after references, types and parameters are resolved and the schema check passed. */
export type ResolvedManifest = Record<string, unknown> & { readonly __resolved: true };

export interface LoadManifestOptions {
  /** Component types the caller can build; any other fails with a config_error naming it and its place. */
  supported: ReadonlySet<string>;
}

/** A manifest given as text (YAML or JSON) or as parsed data, made ready to build. */
export function loadManifest(source: unknown, origin: string, options: LoadManifestOptions): ResolvedManifest {
  const raw: unknown = typeof source === 'string' ? parseManifestText(source, origin) : source;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw manifestError(`The manifest ${origin} must be an object (a mapping with "type: DeclarativeSource").`);
  }
  const resolved = propagateComponents(resolveReferences(raw as Record<string, unknown>));
  validateManifest(resolved);
  assertSupported(resolved, options.supported);
  return resolved as ResolvedManifest;
}
