// Helpers to compare JSON schemas node by node. A node is a property schema or an array's `items`; its path reads
// like `result_metadata[].field_ref`.
export interface SchemaNode {
  type?: string | string[];
  format?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  [keyword: string]: unknown;
}

/** The node's types, or undefined when it has no `type` (any value allowed). */
export function typesOf(node: SchemaNode): Set<string> | undefined {
  if (node.type === undefined) return undefined;
  return new Set(Array.isArray(node.type) ? node.type : [node.type]);
}

/** True when every value `official` accepts by type is accepted by `ours`. */
export function typeCovers(ours: SchemaNode, official: SchemaNode): boolean {
  const mine = typesOf(ours);
  const theirs = typesOf(official);
  if (mine === undefined) return true;
  if (theirs === undefined) return false;
  // An integer is a number, so `number` covers `integer`.
  return [...theirs].every((type) => mine.has(type) || (type === 'integer' && mine.has('number')));
}

/** Visits every property and items node below `root`, depth first, with its path. */
export function walkSchema(root: SchemaNode, visit: (path: string, node: SchemaNode) => void, prefix = ''): void {
  for (const [name, child] of Object.entries(root.properties ?? {})) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    visit(path, child);
    walkSchema(child, visit, path);
  }
  if (root.items !== undefined) {
    const path = `${prefix}[]`;
    visit(path, root.items);
    walkSchema(root.items, visit, path);
  }
}

/** The node at `path` (as produced by `walkSchema`), if any. */
export function nodeAt(root: SchemaNode, path: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root;
  for (const part of path.split('.')) {
    const [name = '', ...arrays] = part.split('[]');
    if (name !== '') node = node?.properties?.[name];
    for (let i = 0; i < arrays.length; i++) node = node?.items;
  }
  return node;
}
