// Each stream is described once, in its own file; the catalog, the schema registry and the stream definitions the
// source runs must all derive from that one list of descriptions.
import { discoverSource } from '@mb-airbyte/http-source-kit/testing';
import { describe, expect, it } from 'vitest';
import {
  metabaseSource,
  metabaseStreamDescriptions,
  streamCatalog,
  streamSchemaBuilders,
  streamSchemas,
} from '../src/index.js';
import { metabaseStreams } from '../src/streams/index.js';

const names = metabaseStreamDescriptions.map((description) => description.name);

describe('stream descriptions', () => {
  it('name every stream once, and every registry lists exactly those streams in the same order', () => {
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(streamCatalog)).toEqual(names);
    expect(Object.keys(streamSchemas)).toEqual(names);
    expect(Object.keys(streamSchemaBuilders)).toEqual(names);
    expect(metabaseStreams().map((stream) => stream.name)).toEqual(names);
  });

  it.each(metabaseStreamDescriptions.map((description) => [description.name, description] as const))(
    '%s: catalog entry, schema and stream definition come from its description',
    (name, description) => {
      expect(streamCatalog[name]).toEqual(
        description.cursorField === undefined
          ? { primaryKey: description.primaryKey }
          : { primaryKey: description.primaryKey, cursorField: description.cursorField },
      );
      expect(streamSchemas[name]).toEqual(description.schema());
      expect(streamSchemaBuilders[name]).toBe(description.schema);
      const stream = metabaseStreams().find((candidate) => candidate.name === name);
      expect(stream?.primaryKey).toEqual(description.primaryKey);
      expect(stream?.cursorField).toBe(description.cursorField);
      expect(stream?.jsonSchema).toEqual(description.schema());
    },
  );

  it('discover answers with the descriptions: names, primary keys, cursors and schemas', async () => {
    const output = await discoverSource(metabaseSource, {
      instance_api_url: 'https://mb.example.com',
      api_key: 'mb_x',
    });
    const expected = metabaseStreamDescriptions.map(({ name, primaryKey, cursorField, schema }) => ({
      name,
      source_defined_primary_key: primaryKey,
      default_cursor_field: cursorField === undefined ? undefined : [cursorField],
      json_schema: schema(),
    }));
    const discovered = output.catalog?.streams.map(
      ({ name, source_defined_primary_key, default_cursor_field, json_schema }) => ({
        name,
        source_defined_primary_key,
        default_cursor_field,
        json_schema,
      }),
    );
    expect(discovered).toEqual(expected);
  });
});
