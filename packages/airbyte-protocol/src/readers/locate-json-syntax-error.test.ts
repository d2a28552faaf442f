import { describe, expect, test } from 'vitest';
import { describeJsonSyntaxError } from './locate-json-syntax-error.js';

describe('describeJsonSyntaxError', () => {
  test.each([
    ['{"a": }', 'unexpected character "}" at line 1, column 7'],
    ['{\n  "token": "s3cret",\n  "url": oops\n}', 'unexpected character "o" at line 3, column 10'],
    ['{"a": [1, 2', 'unexpected end of input at line 1, column 12'],
    ['{"a": 1,}', 'unexpected character "}" at line 1, column 9'],
    ["{'a': 1}", 'unexpected character "\'" at line 1, column 2'],
    ['{"a": 1} x', 'unexpected character "x" at line 1, column 10'],
    ['{"a": "x\ny"}', 'unexpected control character U+000A at line 1, column 9'],
    ['{"a": "\\q"}', 'unexpected character "q" at line 1, column 9'],
    ['{"a": "\\u12G4"}', 'unexpected character "G" at line 1, column 12'],
    ['[-]', 'unexpected character "]" at line 1, column 3'],
    ['[01]', 'unexpected character "1" at line 1, column 3'],
    ['{"a" 1}', 'unexpected character "1" at line 1, column 6'],
    ['[tru]', 'unexpected character "]" at line 1, column 5'],
    ['[1 2]', 'unexpected character "2" at line 1, column 4'],
  ])('%j', (text, expected) => {
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(describeJsonSyntaxError(text)).toBe(expected);
  });

  test('agrees with JSON.parse on valid documents', () => {
    for (const text of ['{}', '[]', ' {"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"],"b":{}} ', '0', '"x"']) {
      expect(() => JSON.parse(text) as unknown).not.toThrow();
      expect(describeJsonSyntaxError(text)).toBe('not valid JSON');
    }
  });
});
