// Validates values against the verbatim protocol YAML kept in schema/, with ajv (draft-07), independently of zod.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const yamlPath = join(import.meta.dirname, '..', 'schema', 'airbyte_protocol.yaml');

export function loadProtocolYaml(): { $id: string; definitions: Record<string, unknown> } {
  return parse(readFileSync(yamlPath, 'utf8')) as { $id: string; definitions: Record<string, unknown> };
}

export function createProtocolValidator(): (definition: string, value: unknown) => string[] {
  const schema = loadProtocolYaml();
  // strict off: the YAML uses annotation keywords ajv does not know (existingJavaType, version).
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addSchema(schema);
  const cache = new Map<string, ValidateFunction>();
  return (definition, value) => {
    let validate = cache.get(definition);
    if (validate === undefined) {
      validate = ajv.getSchema(`${schema.$id}#/definitions/${definition}`);
      if (validate === undefined) throw new Error(`no definition ${definition} in the protocol YAML`);
      cache.set(definition, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  };
}
