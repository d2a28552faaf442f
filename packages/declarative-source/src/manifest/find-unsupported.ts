import componentSchema from './component-schema.json' with { type: 'json' };
import { formatManifestPath, manifestError, type ManifestPath } from './manifest-error.js';

const componentTypes = new Set(Object.keys(componentSchema.definitions));

/** Parts of a manifest that hold data rather than components the runtime builds. */
const dataKeys = new Set([
  'definitions',
  'schemas',
  'metadata',
  'schema',
  'connection_specification',
  'advanced_auth',
  'config_normalization_rules',
]);

/**
 * Fails with a config_error naming the first component this runtime cannot run and where it is, before anything
 * is read (e.g. `CustomRetriever at streams[3].retriever`).
 */
export function assertSupported(manifest: Record<string, unknown>, supported: ReadonlySet<string>): void {
  const found = firstUnsupported(manifest, [], supported);
  if (found === undefined) return;
  const [type, path] = found;
  const custom = type.startsWith('Custom') ? ' (a custom Python component, which only the Python CDK can run)' : '';
  throw manifestError(
    `The manifest uses the component ${type}${custom} at ${formatManifestPath(path)}, which this runtime does not support. ` +
      'The package README lists the supported components.',
  );
}

function firstUnsupported(
  node: unknown,
  path: ManifestPath,
  supported: ReadonlySet<string>,
): [string, ManifestPath] | undefined {
  if (Array.isArray(node)) {
    for (const [index, element] of node.entries()) {
      const found = firstUnsupported(element, [...path, index], supported);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const type = (node as Record<string, unknown>).type;
  if (typeof type === 'string' && componentTypes.has(type) && !supported.has(type)) return [type, path];
  for (const [key, value] of Object.entries(node)) {
    if (dataKeys.has(key) || key === '$parameters') continue;
    const found = firstUnsupported(value, [...path, key], supported);
    if (found !== undefined) return found;
  }
  return undefined;
}
