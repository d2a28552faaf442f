import type { JsonSchema } from './schemas/json-schema.js';
import { metabaseStreamDescriptions, type StreamName } from './streams/index.js';

/** How a stream is keyed, from its description. */
export interface StreamCatalogEntry {
  readonly primaryKey: readonly (readonly string[])[];
  /** Set for streams that support incremental sync (client-side filter on this field). */
  readonly cursorField?: string;
}

function byName<T>(
  value: (description: (typeof metabaseStreamDescriptions)[number]) => T,
): Readonly<Record<StreamName, T>> {
  return Object.fromEntries(
    metabaseStreamDescriptions.map((description) => [description.name, value(description)]),
  ) as Record<StreamName, T>;
}

/** Every stream's primary key and cursor, in catalog order. */
export const streamCatalog = byName<StreamCatalogEntry>(({ primaryKey, cursorField }) =>
  cursorField === undefined ? { primaryKey } : { primaryKey, cursorField },
);

/** Builders of every stream's record schema, in catalog order; each call returns a fresh, mutable copy. */
export const streamSchemaBuilders = byName<() => JsonSchema>(({ schema }) => schema);

/** Every stream's record schema (draft-07), frozen; call a builder in `streamSchemaBuilders` for a mutable copy. */
export const streamSchemas: Readonly<Record<StreamName, JsonSchema>> = Object.freeze(
  byName(({ schema }) => deepFreeze(schema())),
);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
