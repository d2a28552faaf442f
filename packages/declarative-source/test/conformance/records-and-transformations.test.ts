// Conformance of the record components, from the component schema's documentation: RecordSelector with DpathExtractor
// (field_path, interpolated) and RecordFilter (condition over record and stream_slice), JsonDecoder, and the
// transformations AddFields / AddedFieldDefinition (path, value, value_type) and RemoveFields (field_pointers).
import { afterEach, describe, expect, it } from 'vitest';
import { manifestWith, readManifest, requester, startApi, type ApiServer } from '../support/api-server.js';

let api: ApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

// A body with numbers a double cannot hold: they must reach the output byte for byte.
const body =
  '{"result":{"items":[{"id":1,"big":12345678901234567890,"kind":"a","meta":{"x":1,"secret":"s"}},{"id":2,"big":1e400,"kind":"b","meta":{"x":2,"secret":"t"}}]},"total":2}';
const recordTexts = (output: Awaited<ReturnType<typeof readManifest>>): string[] =>
  output.messages.flatMap((m) => (m.type === 'RECORD' ? [JSON.stringify(m.record.data)] : []));
const rawLines = (output: Awaited<ReturnType<typeof readManifest>>): string[] =>
  output.text.split('\n').filter((line) => line.includes('"RECORD"'));

describe('RecordSelector + DpathExtractor + JsonDecoder', () => {
  it('takes the records at field_path (segments interpolated) and passes them byte for byte', async () => {
    api = await startApi(() => ({ body }));
    const selector = {
      type: 'RecordSelector',
      extractor: {
        type: 'DpathExtractor',
        field_path: ['result', "{{ parameters['list'] }}"],
        decoder: { type: 'JsonDecoder' },
      },
    };
    const output = await readManifest(
      manifestWith({ requester: requester(api.url), record_selector: selector }, { $parameters: { list: 'items' } }),
    );
    expect(output.records.map((r) => r.data.id)).toEqual([1, 2]);
    expect(rawLines(output)[0]).toContain('"big":12345678901234567890');
    expect(rawLines(output)[1]).toContain('"big":1e400');
  });

  it('an object at field_path is one record; an empty field_path takes the whole body', async () => {
    api = await startApi(() => ({ body: { id: 9, name: 'one' } }));
    const output = await readManifest(
      manifestWith({
        requester: requester(api.url),
        record_selector: { type: 'RecordSelector', extractor: { type: 'DpathExtractor', field_path: [] } },
      }),
    );
    expect(output.records.map((r) => r.data)).toEqual([{ id: 9, name: 'one' }]);
  });
});

describe('RecordFilter', () => {
  it('keeps the records whose condition is true, reading the record and the partition', async () => {
    api = await startApi(() => ({ body }));
    const selector = {
      type: 'RecordSelector',
      extractor: { type: 'DpathExtractor', field_path: ['result', 'items'] },
      record_filter: { type: 'RecordFilter', condition: "{{ record['kind'] == stream_partition['kind'] }}" },
    };
    const manifest = manifestWith({
      requester: requester(api.url),
      record_selector: selector,
      partition_router: { type: 'ListPartitionRouter', cursor_field: 'kind', values: ['b'] },
    });
    const output = await readManifest(manifest);
    expect(output.records.map((r) => r.data.id)).toEqual([2]);
  });
});

describe('AddFields + AddedFieldDefinition, RemoveFields', () => {
  const selector = { type: 'RecordSelector', extractor: { type: 'DpathExtractor', field_path: ['result', 'items'] } };

  it('adds interpolated values at top-level and nested paths, cast by value_type, leaving every other byte alone', async () => {
    api = await startApi(() => ({ body }));
    const transformations = [
      {
        type: 'AddFields',
        fields: [
          { type: 'AddedFieldDefinition', path: ['kind_upper'], value: "{{ record['kind'] | upper }}" },
          { type: 'AddedFieldDefinition', path: ['meta', 'source'], value: "{{ config['name'] }}" },
          { type: 'AddedFieldDefinition', path: ['id_text'], value: "{{ record['id'] }}", value_type: 'string' },
          { type: 'AddedFieldDefinition', path: ['fixed'], value: 'plain' },
        ],
      },
    ];
    const output = await readManifest(
      manifestWith({ requester: requester(api.url), record_selector: selector }, { transformations }),
      { config: { name: 'api' } },
    );
    expect(rawLines(output)[0]).toContain('"big":12345678901234567890');
    expect(output.records[0]?.data).toMatchObject({
      id: 1,
      kind_upper: 'A',
      id_text: '1',
      fixed: 'plain',
      meta: { x: 1, secret: 's', source: 'api' },
    });
  });

  it('removes the fields the pointers name, a * matching any key', async () => {
    api = await startApi(() => ({ body }));
    const transformations = [{ type: 'RemoveFields', field_pointers: [['meta', 'secret'], ['kind'], ['*', 'x']] }];
    const output = await readManifest(
      manifestWith({ requester: requester(api.url), record_selector: selector }, { transformations }),
    );
    expect(recordTexts(output)[0]).toBe(JSON.stringify({ id: 1, big: 12345678901234567000, meta: {} }));
    expect(rawLines(output)[1]).toContain('"big":1e400');
    expect(output.records[1]?.data).not.toHaveProperty('kind');
  });
});
