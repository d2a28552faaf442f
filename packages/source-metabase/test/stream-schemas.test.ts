// Structural rules every stream schema must follow (Airbyte discovery checks and our own conventions), and
// validation of records shaped like what Metabase returns (field sets from Metabase's own mocks and column lists).
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { streamCatalog, streamSchemaBuilders, streamSchemas, type StreamName } from '../src/index.js';
import { nodeAt, typesOf, walkSchema, type SchemaNode } from './support/schema-walk.js';
import { incrementalStreams } from './support/incremental-reads.js';
import { sampleRecords } from './support/sample-records.js';

const names = Object.keys(streamSchemas) as StreamName[];
// strictTypes is off because two array-item schemas stay untyped, as in the official manifest (see untypedWithProperties).
const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
addFormats.default(ajv);

const forbidden = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'patternProperties'];
const timestampName = /(^|_)at$|^timestamp$|^date_joined$|^last_login$|^first_login$/;
const integerName = /(^|_)id$|_count$|^size_[xy]$|^row$|^col$|^position$|^rows$/;
// Ids Metabase spells as strings: NanoIDs, UUIDs and dashboard parameter ids.
const stringIdPath = /(^|\.)(entity_id|archive_operation_id|parameter_id)$|parameters\[\]\.id$/;

describe('the stream list', () => {
  it("starts with the official connector's seven streams, in its order", () => {
    expect(names.slice(0, 7)).toEqual([
      'cards',
      'collections',
      'dashboards',
      'collections_items_dashboards',
      'users',
      'databases',
      'native_query_snippets',
    ]);
  });
});

describe.each(names)('%s schema', (name) => {
  const schema = streamSchemas[name] as SchemaNode;

  it('is a valid draft-07 schema that ajv compiles with unknown keywords refused', () => {
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('uses no forbidden keyword and allows additional properties on every object', () => {
    const offences: string[] = [];
    const check = (path: string, node: SchemaNode) => {
      for (const keyword of forbidden) if (keyword in node) offences.push(`${path}: ${keyword}`);
      if (typesOf(node)?.has('object') && node.additionalProperties !== true)
        offences.push(`${path}: additionalProperties`);
    };
    check('(root)', schema);
    walkSchema(schema, check);
    expect(offences).toEqual([]);
  });

  it('declares timestamps as strings without a format (some lack an offset, as in the official schemas) and ids and counts as integers', () => {
    const offences: string[] = [];
    walkSchema(schema, (path, node) => {
      const field = path.split('.').at(-1) ?? '';
      if (timestampName.test(field) && !typesOf(node)?.has('string')) offences.push(`${path}: not a string`);
      if (node.format !== undefined)
        offences.push(`${path}: format ${node.format} (a MySQL-backed Metabase sends timestamps without an offset)`);
      if (integerName.test(field) && !stringIdPath.test(path) && !typesOf(node)?.has('integer'))
        offences.push(`${path}: not integer`);
      if (typesOf(node)?.has('number') && field.endsWith('_id')) offences.push(`${path}: number id`);
    });
    expect(offences).toEqual([]);
  });

  it('holds its primary key (scalar) and cursor field (a string)', () => {
    const { primaryKey, cursorField } = streamCatalog[name];
    expect(primaryKey.length).toBeGreaterThan(0);
    for (const keyPath of primaryKey) {
      const node = nodeAt(schema, keyPath.join('.'));
      expect(node, keyPath.join('.')).toBeDefined();
      expect(typesOf(node ?? {})?.has('object')).toBe(false);
      expect(typesOf(node ?? {})?.has('array')).toBe(false);
    }
    if (cursorField !== undefined) expect(typesOf(nodeAt(schema, cursorField) ?? {})?.has('string')).toBe(true);
  });

  it('accepts a record shaped like Metabase returns it, extra fields included', () => {
    const validate = ajv.compile(schema);
    const record = { ...sampleRecords[name], field_from_a_future_metabase: { anything: [1] } };
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a record whose id has the wrong type', () => {
    const validate = ajv.compile(schema);
    expect(validate({ ...sampleRecords[name], id: { nested: true } })).toBe(false);
  });

  it('is frozen, while its builder returns a fresh copy', () => {
    expect(Object.isFrozen(schema)).toBe(true);
    const copy = streamSchemaBuilders[name]();
    expect(copy).toEqual(schema);
    expect(Object.isFrozen(copy)).toBe(false);
  });
});

describe('incremental plan', () => {
  it('offers updated_at as the cursor of exactly the planned streams', () => {
    const incremental = names.filter((name) => streamCatalog[name].cursorField === 'updated_at');
    expect(incremental).toEqual([...incrementalStreams]);
  });
});
