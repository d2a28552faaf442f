// Proves backward compatibility with Airbyte's official connector: every official stream, primary key and declared
// property exists here with a type at least as wide, and every config the official spec accepts is accepted by ours.
// The official manifest is ELv2-licensed, so it is never copied into this repository: it is read from the shared
// reference set beside the checkout (see ./support/official-manifest-path.ts), and these suites are skipped, saying
// so, where that file is absent.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverSource } from '@mb-airbyte/http-source-kit/testing';
import { parse } from 'yaml';
import {
  metabaseConnectionSpecification,
  metabaseSource,
  streamCatalog,
  streamSchemas,
  type StreamName,
} from '../src/index.js';
import { nodeAt, typeCovers, typesOf, walkSchema, type SchemaNode } from './support/schema-walk.js';
import { OFFICIAL_MANIFEST_HINT, officialManifestPath } from './support/official-manifest-path.js';

interface OfficialStream {
  name: string;
  primary_key?: string[];
  schema_loader: { schema: SchemaNode };
}
interface OfficialSpecProperty extends SchemaNode {
  title?: string;
  order?: number;
  airbyte_secret?: boolean;
  pattern?: string;
}
interface OfficialManifest {
  streams: OfficialStream[];
  spec: { connection_specification: { required: string[]; properties: Record<string, OfficialSpecProperty> } };
}

const manifestPath = officialManifestPath();
const manifest = (
  manifestPath === undefined
    ? { streams: [], spec: { connection_specification: { required: [], properties: {} } } }
    : parse(readFileSync(manifestPath, 'utf8'))
) as OfficialManifest;
const officialStreams = manifest.streams;
const describeWithManifest = manifestPath === undefined ? describe.skip : describe;
if (manifestPath === undefined)
  console.warn(`official manifest not found (${OFFICIAL_MANIFEST_HINT}): compatibility suites skipped`);

function isStreamName(name: string): name is StreamName {
  return Object.hasOwn(streamSchemas, name);
}

describeWithManifest('official manifest', () => {
  it('holds the seven official streams', () => {
    expect(officialStreams.map((stream) => stream.name).sort()).toEqual([
      'cards',
      'collections',
      'collections_items_dashboards',
      'dashboards',
      'databases',
      'native_query_snippets',
      'users',
    ]);
  });
});

describeWithManifest.each(officialStreams.map((stream) => [stream.name, stream] as const))(
  'official stream %s',
  (name, official) => {
    it('exists here with the same primary key (or one where the official has none)', () => {
      expect(isStreamName(name)).toBe(true);
      if (!isStreamName(name)) return;
      const ours = streamCatalog[name].primaryKey;
      if (official.primary_key === undefined) expect(ours.length).toBeGreaterThan(0);
      else expect(ours).toEqual([official.primary_key]);
    });

    it('declares every official property with a type at least as wide', () => {
      if (!isStreamName(name)) throw new Error(`unknown stream ${name}`);
      const ours = streamSchemas[name] as SchemaNode;
      const problems: string[] = [];
      walkSchema(official.schema_loader.schema, (path, officialNode) => {
        const mine = nodeAt(ours, path);
        if (mine === undefined) problems.push(`${path}: missing`);
        else if (!typeCovers(mine, officialNode)) {
          problems.push(
            `${path}: ours ${JSON.stringify(mine.type)} does not cover official ${JSON.stringify(officialNode.type)}`,
          );
        }
      });
      expect(problems).toEqual([]);
    });

    it('keeps every official nullable property nullable', () => {
      if (!isStreamName(name)) throw new Error(`unknown stream ${name}`);
      const ours = streamSchemas[name] as SchemaNode;
      walkSchema(official.schema_loader.schema, (path, officialNode) => {
        if (typesOf(officialNode)?.has('null'))
          expect(typesOf(nodeAt(ours, path) ?? {})?.has('null') ?? true, path).toBe(true);
      });
    });
  },
);

// The same promises, checked on what `discover` really emits (no network: discover reads only the config).
describeWithManifest('the discovered catalog against the official manifest', async () => {
  const output = await discoverSource(metabaseSource, {
    instance_api_url: 'https://metabase.example.com',
    api_key: 'mb_x',
  });
  const discovered = new Map((output.catalog?.streams ?? []).map((stream) => [stream.name, stream]));

  it.each(officialStreams.map((stream) => [stream.name, stream] as const))(
    '%s: present, same primary key, every official property',
    (name, official) => {
      const stream = discovered.get(name);
      expect(stream).toBeDefined();
      if (official.primary_key !== undefined)
        expect(stream?.source_defined_primary_key).toEqual([official.primary_key]);
      else expect(stream?.source_defined_primary_key?.length).toBeGreaterThan(0);
      const schema = (stream?.json_schema ?? {}) as SchemaNode;
      const problems: string[] = [];
      walkSchema(official.schema_loader.schema, (path, officialNode) => {
        const mine = nodeAt(schema, path);
        if (mine === undefined) problems.push(`${path}: missing`);
        else if (!typeCovers(mine, officialNode)) problems.push(`${path}: type narrowed`);
      });
      expect(problems).toEqual([]);
    },
  );
});

describeWithManifest('config spec against the official spec', () => {
  const official = manifest.spec.connection_specification;
  const ours = metabaseConnectionSpecification() as {
    required: string[];
    properties: Record<string, OfficialSpecProperty>;
  };

  it('requires nothing the official spec did not require', () => {
    for (const name of ours.required) expect(official.required).toContain(name);
  });

  it.each(Object.keys(official.properties))('keeps %s with its type, title, order, secrecy and pattern', (name) => {
    const theirs = official.properties[name] as OfficialSpecProperty;
    const mine = ours.properties[name];
    expect(mine).toBeDefined();
    if (mine === undefined) return;
    expect(mine.type).toEqual(theirs.type);
    expect(mine.order).toBe(theirs.order);
    expect(mine.airbyte_secret === true).toBe(theirs.airbyte_secret === true);
    if (theirs.title !== undefined) expect(mine.title).toBe(theirs.title);
    if (theirs.pattern !== undefined) expect(mine.pattern).toBe(theirs.pattern);
  });
});

describe('the checker itself', () => {
  it('reports a missing property and a narrowed type', () => {
    const official: SchemaNode = { properties: { a: { type: ['null', 'string'] }, b: { type: ['null', 'integer'] } } };
    const narrowed: SchemaNode = { properties: { a: { type: 'string' } } };
    const found: string[] = [];
    walkSchema(official, (path, node) => {
      const mine = nodeAt(narrowed, path);
      if (mine === undefined || !typeCovers(mine, node)) found.push(path);
    });
    expect(found).toEqual(['a', 'b']);
  });

  it('follows array items', () => {
    const schema: SchemaNode = {
      properties: { list: { type: 'array', items: { properties: { x: { type: 'integer' } } } } },
    };
    expect(nodeAt(schema, 'list[].x')).toEqual({ type: 'integer' });
  });
});
