import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/index.js';
import { SelectedRecord } from '../records/index.js';
import { withJsonMember } from '../records/json-text.js';
import { finishRecords } from './finish-records.js';
import type { StreamDefinition } from '../streams/stream-definition.js';

const exact =
  '{"big":12345678901234567890123,"huge":1e400,"long":0.1234567890123456789012345678901234,"id":9007199254740993}';
const base: StreamDefinition<null> = { name: 'things', jsonSchema: {}, request: { path: 'things' } };

describe('finishRecords', () => {
  it('derives records from the exact text with transformJson: numbers no double holds stay byte for byte', () => {
    const stream: StreamDefinition<null> = {
      ...base,
      transformJson: (json, { partition }) => [withJsonMember(json, 'parent', String(partition?.id)), json],
    };
    const out = finishRecords(stream, [SelectedRecord.fromJson(exact)], null, { id: 7 });
    expect(out.map((record) => record.json)).toEqual([`{"parent":7,${exact.slice(1)}`, exact]);
  });

  it('may drop a record, and runs before transform', () => {
    const seen: unknown[] = [];
    const stream: StreamDefinition<null> = {
      ...base,
      transformJson: (json) => (json.includes('"skip"') ? [] : [json]),
      transform: (record) => {
        seen.push(record);
        return record;
      },
    };
    const out = finishRecords(
      stream,
      [SelectedRecord.fromJson('{"skip":1}'), SelectedRecord.fromJson('{"a":1}')],
      null,
      undefined,
    );
    expect(out.map((record) => record.json)).toEqual(['{"a":1}']);
    expect(seen).toEqual([{ a: 1 }]);
  });

  it('still refuses a derived value that is not an object', () => {
    const stream: StreamDefinition<null> = { ...base, transformJson: () => ['[1]'] };
    expect(() => finishRecords(stream, [SelectedRecord.fromJson('{}')], null, undefined)).toThrow(ConnectorError);
  });
});
