// The small subset of draft-07 JSON schema our stream schemas use, with builders that always return fresh
// objects (callers may mutate what they get). Every object schema allows additional properties: Metabase adds
// fields between versions and a record must never be rejected for carrying one.
export type JsonType = 'null' | 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface JsonSchema {
  $schema?: string;
  type?: JsonType | JsonType[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: true;
}

export type JsonSchemaProperties = Record<string, JsonSchema>;

/** A value of any of `types`, or null. */
export function nullable(...types: Exclude<JsonType, 'null' | 'object' | 'array'>[]): JsonSchema {
  return { type: ['null', ...types] };
}

/**
 * An ISO-8601 timestamp as Metabase sent it, or null. No `format: date-time`: that promises an offset, and a
 * MySQL-backed Metabase sends some timestamps without one (`2024-03-05T10:11:12.123456`); a destination would drop
 * such a value. The official connector's schemas declare timestamps as plain strings too.
 */
export function nullableTimestamp(): JsonSchema {
  return { type: ['null', 'string'] };
}

/** An object (with optional known properties), or null. Extra `types` widen it for fields Metabase has changed. */
export function nullableObject(
  properties: JsonSchemaProperties = {},
  ...types: Exclude<JsonType, 'null' | 'object'>[]
): JsonSchema {
  return { type: ['null', 'object', ...types], properties, additionalProperties: true };
}

/** An array of `items`, or null. */
export function nullableArray(items: JsonSchema): JsonSchema {
  return { type: ['null', 'array'], items };
}

/** An array of objects with the given known properties, or null. */
export function nullableObjectArray(properties: JsonSchemaProperties = {}): JsonSchema {
  return nullableArray(nullableObject(properties));
}

/** The top-level schema of a stream's records. */
export function streamSchema(properties: JsonSchemaProperties): JsonSchema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: true, properties };
}

/** Known properties without a type constraint: for array items the official schemas left untyped. */
export function untypedWithProperties(properties: JsonSchemaProperties): JsonSchema {
  return { properties, additionalProperties: true };
}
