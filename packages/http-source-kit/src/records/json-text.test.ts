import { describe, expect, it } from 'vitest';
import { jsonArrayElements, jsonObjectMembers, withJsonMember } from './json-text.js';

// Numbers no double can hold: a parse/stringify round trip changes each of them.
const exact =
  '{"big":12345678901234567890123,"huge":1e400,"long":0.1234567890123456789012345678901234,"id":9007199254740993}';

describe('JSON text helpers', () => {
  it('lists top-level members with decoded keys, skipping nested objects, arrays and strings that look like JSON', () => {
    const json = ' { "a" : {"b":[1,{"c":"}]"}]} , "d\\u0065":"x\\"y" ,"n":-1.5e3,"t":true,"z":null } ';
    const members = jsonObjectMembers(json).map((m) => [m.key, json.slice(m.start, m.end)]);
    expect(members).toEqual([
      ['a', '{"b":[1,{"c":"}]"}]}'],
      ['de', '"x\\"y"'],
      ['n', '-1.5e3'],
      ['t', 'true'],
      ['z', 'null'],
    ]);
    expect(jsonObjectMembers('{}')).toEqual([]);
  });

  it('splits an array into the exact texts of its elements', () => {
    const json = `{"cards":[ ${exact} , [1,2] ,"s,]",3 ]}`;
    const member = jsonObjectMembers(json).find((m) => m.key === 'cards');
    expect(jsonArrayElements(json, member?.start)).toEqual([exact, '[1,2]', '"s,]"', '3']);
    expect(jsonArrayElements('[]')).toEqual([]);
  });

  it('inserts a missing member first and keeps every other byte', () => {
    expect(withJsonMember(exact, 'dashboard_id', '9')).toBe(`{"dashboard_id":9,${exact.slice(1)}`);
    expect(withJsonMember('{}', 'k', '1')).toBe('{"k":1}');
    expect(withJsonMember('{"a":{"k":null}}', 'k', '1')).toBe('{"k":1,"a":{"k":null}}'); // a nested "k" is not the member
  });

  it('replaces the value of a present member (the last one when a key appears twice)', () => {
    expect(withJsonMember('{"k":null,"x":1e400}', 'k', '7')).toBe('{"k":7,"x":1e400}');
    expect(withJsonMember('{"k":1,"k":null}', 'k', '7')).toBe('{"k":1,"k":7}');
    expect(withJsonMember('{"\\u006b":null}', 'k', '7')).toBe('{"\\u006b":7}');
  });

  it('refuses malformed text instead of guessing', () => {
    for (const bad of ['[1]', '{"a":1', '{"a" 1}', '{"a":"open}', '{"a":{"b":1}', '{"a":1 "b":2}']) {
      expect(() => withJsonMember(bad, 'k', '1'), bad).toThrow(TypeError);
    }
    expect(() => jsonArrayElements('{"a":1}')).toThrow(TypeError);
  });
});
