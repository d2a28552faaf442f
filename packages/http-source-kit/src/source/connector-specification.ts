import type { ConnectorSpecification } from '@mb-airbyte/airbyte-protocol';
import { z } from 'zod';
import type { JsonRecord } from '../streams/index.js';
import type { SourceDefinition } from './source-definition.js';

/**
 * The SPEC, generated from the zod config schema (draft-07, input side so defaulted fields are optional), keeping
 * every `.meta()` key (`airbyte_secret`, `order`, `title`, `description`, …). Two fixes for the acceptance tests:
 * `additionalProperties: false` is dropped (when set it must be true) and a `oneOf` of objects gets `type: object`.
 * Computed once per source (a command asks for it more than once: to mask the config's secrets, then to run); the
 * same object each time, so treat it as read-only.
 */
export function connectorSpecification<Config>(source: SourceDefinition<Config>): ConnectorSpecification {
  let spec = computed.get(source);
  if (spec === undefined) {
    spec = generateSpecification(source);
    computed.set(source, spec);
  }
  return spec;
}

const computed = new WeakMap<object, ConnectorSpecification>();

function generateSpecification<Config>(source: SourceDefinition<Config>): ConnectorSpecification {
  const generated = normalize(z.toJSONSchema(source.config, { target: 'draft-07', io: 'input' })) as JsonRecord;
  const spec: ConnectorSpecification = {
    connectionSpecification: source.connectionSpecification?.(generated) ?? generated,
  };
  if (source.documentationUrl !== undefined) spec.documentationUrl = source.documentationUrl;
  if (source.changelogUrl !== undefined) spec.changelogUrl = source.changelogUrl;
  return spec;
}

function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonRecord = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = normalize(value);
  }
  const branches = out.oneOf;
  if (
    out.type === undefined &&
    Array.isArray(branches) &&
    branches.every((b) => (b as JsonRecord | null)?.type === 'object')
  ) {
    out.type = 'object';
  }
  return out;
}
