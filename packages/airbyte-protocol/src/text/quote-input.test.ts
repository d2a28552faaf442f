import { describe, expect, test } from 'vitest';
import { capInput, MAX_QUOTED_CHARS, quoteInput } from './quote-input.js';

describe('capInput', () => {
  test('short input is returned whole', () => {
    expect(capInput('metabase.example.com')).toBe('metabase.example.com');
    expect(capInput('x'.repeat(MAX_QUOTED_CHARS))).toBe('x'.repeat(MAX_QUOTED_CHARS));
  });

  test('long input keeps its head and says how long it was', () => {
    const capped = capInput('h'.repeat(10_000_000));
    expect(capped).toBe(`${'h'.repeat(MAX_QUOTED_CHARS)}… (10000000 characters)`);
  });

  test('a surrogate pair at the cut is left out whole', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(20)}`;
    expect(capInput(text, 10)).toBe(`${'a'.repeat(9)}… (${text.length} characters)`);
  });
});

describe('quoteInput', () => {
  test('quotes short input as a JSON string', () => {
    expect(quoteInput('a "b"\n')).toBe('"a \\"b\\"\\n"');
  });

  test('quotes the head of long input and gives the length outside the quotes', () => {
    expect(quoteInput('c'.repeat(1000), 5)).toBe('"ccccc…" (1000 characters)');
  });
});
