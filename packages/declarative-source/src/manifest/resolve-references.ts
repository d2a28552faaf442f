import { manifestError } from './manifest-error.js';

/** Nodes a resolved manifest may hold: references that copy big trees into each other cannot exhaust memory. */
const MAX_RESOLVED_NODES = 2_000_000;

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isReference(value: Json): value is string {
  return typeof value === 'string' && value.startsWith('#/');
}

/**
 * Resolves references as the CDK does: `{ $ref: "#/definitions/x", key: … }` becomes the referenced object with the
 * node's own keys on top, and any string value `"#/path"` becomes the value it points at. A key holding a `/` is
 * found too (the longest key that matches wins). Cycles are refused.
 */
export function resolveReferences(manifest: Record<string, Json>): Record<string, Json> {
  let nodes = 0;
  const resolving: string[] = [];

  const lookup = (reference: string): Json => {
    const segments = reference.slice(2).split('/');
    let node: Json = manifest;
    let index = 0;
    while (index < segments.length) {
      if (!isObject(node) && !Array.isArray(node)) break;
      let matched = 0;
      for (let end = segments.length; end > index; end--) {
        const key = segments.slice(index, end).join('/');
        if (Array.isArray(node) ? /^\d+$/.test(key) && Number(key) < node.length : Object.hasOwn(node, key)) {
          node = Array.isArray(node) ? (node as Json[])[Number(key)] : node[key];
          matched = end - index;
          break;
        }
      }
      if (matched === 0) throw manifestError(`The manifest refers to "${reference}", which does not exist in it.`);
      index += matched;
    }
    if (index < segments.length)
      throw manifestError(`The manifest refers to "${reference}", which does not exist in it.`);
    return node;
  };

  const follow = (reference: string): Json => {
    if (resolving.includes(reference)) {
      throw manifestError(
        `The manifest's references form a cycle: ${[...resolving.slice(resolving.indexOf(reference)), reference].join(' -> ')}`,
      );
    }
    resolving.push(reference);
    try {
      return resolve(lookup(reference));
    } finally {
      resolving.pop();
    }
  };

  const resolve = (node: Json): Json => {
    if (++nodes > MAX_RESOLVED_NODES)
      throw manifestError(
        `The manifest expands to more than ${MAX_RESOLVED_NODES} nodes once its references are resolved.`,
      );
    if (Array.isArray(node)) return node.map(resolve);
    if (isReference(node)) return follow(node);
    if (!isObject(node)) return node;
    const own: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) if (key !== '$ref') own[key] = resolve(value);
    if (!Object.hasOwn(node, '$ref')) return own;
    const target = node.$ref;
    const referenced =
      typeof target === 'string' ? follow(target.startsWith('#/') ? target : `#/${target}`) : resolve(target);
    return isObject(referenced) ? { ...referenced, ...own } : referenced;
  };

  return resolve(manifest) as Record<string, Json>;
}
