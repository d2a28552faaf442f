import { describe, expect, it } from 'vitest';
import { controlCharacterProblem, headerValueProblem } from './header-value-problem.js';

describe('headerValueProblem', () => {
  it.each([
    ['mb_abc123+/=', undefined],
    ['café', undefined], // Latin-1: Node sends it
    ['mb_abc123\n', 'a line break (U+000A) at its end'],
    ['mb_abc123\r\n', 'a line break (U+000D) at character 10 of 11'],
    ['\tmb_abc', undefined], // a tab is allowed in a header value
    ['mb_\u0000abc', 'a character HTTP headers cannot carry (U+0000) at character 4 of 7'],
    ['\u201cmb_abc\u201d', 'a character HTTP headers cannot carry (U+201C) at its start'],
    ['mb_\u200babc', 'a character HTTP headers cannot carry (U+200B) at character 4 of 7'],
    ['mb_abc😀', 'a character HTTP headers cannot carry (U+1F600) at its end'],
  ])('%j', (value, problem) => {
    expect(headerValueProblem(value)).toBe(problem);
  });

  it('agrees with what Node refuses to send', async () => {
    const { validateHeaderValue } = await import('node:http');
    for (const value of ['ok-value', 'bad\n', 'caf\u00e9', 'x\u2019y', 'x\u007fy', 'x\ty']) {
      const refused = (() => {
        try {
          validateHeaderValue('x-api-key', value);
          return false;
        } catch {
          return true;
        }
      })();
      expect(headerValueProblem(value) !== undefined, JSON.stringify(value)).toBe(refused);
    }
  });
});

describe('controlCharacterProblem', () => {
  it('finds line breaks and tabs, allows any other character', () => {
    expect(controlCharacterProblem('pässwörd “quoted” 😀')).toBeUndefined();
    expect(controlCharacterProblem('hunter2\n')).toBe('a line break (U+000A) at its end');
    expect(controlCharacterProblem('a\tb')).toBe('a tab (U+0009) at character 2 of 3');
  });
});
