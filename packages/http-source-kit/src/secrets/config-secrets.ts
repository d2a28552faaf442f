/** The config values a JSON schema marks `airbyte_secret: true` (inside objects, arrays and every oneOf/anyOf branch). */
interface SchemaNode {
  airbyte_secret?: unknown;
  properties?: Record<string, SchemaNode>;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  items?: SchemaNode;
}

export function configSecrets(schema: unknown, config: unknown): string[] {
  const found: string[] = [];
  collect(schema as SchemaNode | undefined, config, found, 0);
  return found;
}

function collect(schema: SchemaNode | undefined, value: unknown, found: string[], depth: number): void {
  if (schema === undefined || value === undefined || value === null || depth > 32) return;
  if (schema.airbyte_secret === true && (typeof value === 'string' || typeof value === 'number'))
    found.push(String(value));
  for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) collect(branch, value, found, depth + 1);
  if (Array.isArray(value)) {
    for (const item of value) collect(schema.items, item, found, depth + 1);
  } else if (typeof value === 'object' && schema.properties !== undefined) {
    for (const [key, child] of Object.entries(schema.properties))
      collect(child, (value as Record<string, unknown>)[key], found, depth + 1);
  }
}
