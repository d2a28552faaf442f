import type { JsonRecord, StreamDefinition } from './stream-definition.js';

function hasPath(schema: JsonRecord, path: readonly string[]): boolean {
  let node: unknown = schema;
  for (const key of path) {
    const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
    if (properties === undefined || !(key in properties)) return false;
    node = properties[key];
  }
  return true;
}

/**
 * Checks a stream description once, when it is defined, so mistakes show at start-up rather than mid-sync:
 * a request, a `read` or the stream it is derived from, and primary key and cursor fields that exist in the JSON schema (the acceptance tests check
 * the same in the catalog).
 */
export function defineStream<Config>(definition: StreamDefinition<Config>): StreamDefinition<Config> {
  const problem = (text: string): never => {
    throw new TypeError(`defineStream("${definition.name}"): ${text}`);
  };
  if (!/^\S+$/.test(definition.name)) problem('the name must be a non-empty string without spaces');
  const sources = [definition.request, definition.read, definition.derivedFrom].filter(
    (source) => source !== undefined,
  );
  if (sources.length !== 1) problem('give exactly one of `request`, `read` and `derivedFrom`');
  if (
    definition.request === undefined &&
    (definition.paginator ?? definition.partitions ?? definition.records) !== undefined
  ) {
    problem('`paginator`, `partitions` and `records` apply to `request`, not to `read` or `derivedFrom`');
  }
  if (definition.derivedFrom !== undefined && definition.errorTable !== undefined)
    problem('a derived stream makes no requests: give `errorTable` to the stream it is derived from');
  const from = definition.derivedFrom;
  if (from !== undefined && (from === definition.name || (typeof from === 'object' && from.name === definition.name)))
    problem('a stream cannot be derived from itself');
  for (const key of definition.primaryKey ?? []) {
    if (!hasPath(definition.jsonSchema, key)) problem(`primary key field ${key.join('.')} is not in the JSON schema`);
  }
  const cursor = definition.cursorField;
  if (cursor !== undefined && !hasPath(definition.jsonSchema, [cursor]))
    problem(`cursor field ${cursor} is not in the JSON schema`);
  if (
    (definition.cursorValue ?? definition.stateVersion ?? definition.cursorFilter ?? definition.cursorFormat) !==
      undefined &&
    cursor === undefined
  ) {
    problem('`cursorValue`, `stateVersion`, `cursorFilter` and `cursorFormat` need a `cursorField`');
  }
  const version = definition.stateVersion;
  if (version !== undefined && (!Number.isInteger(version) || version < 1))
    problem('stateVersion must be a positive integer');
  const interval = definition.checkpointInterval;
  if (interval !== undefined && (!Number.isInteger(interval) || interval < 1))
    problem('checkpointInterval must be a positive integer');
  return Object.freeze({ ...definition });
}
