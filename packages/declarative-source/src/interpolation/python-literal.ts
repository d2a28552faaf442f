/**
 * Python's `ast.literal_eval` for the literals a rendered template can hold: numbers, strings (single, double and
 * triple quoted), True/False/None, lists, tuples, dicts and sets, with unary signs. Anything else (a date such as
 * "2024-01-01", a word, an expression) is not a literal and stays the text it was. An integer beyond 2^53 stays its
 * text too, so that no digit is lost.
 */
/** Thrown (and caught) inside the reader when the text is not a literal. */
class NotALiteral extends Error {}
const NOT_A_LITERAL = new NotALiteral('not a literal');

class Reader {
  index = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.index < this.text.length && /\s/.test(this.text[this.index] ?? '')) this.index++;
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.index] ?? '';
  }

  take(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.index)) return false;
    this.index += token.length;
    return true;
  }
}

/** The Python value a rendered string reads as, or the string itself when it is not a Python literal. */
export function literalEval(text: string): unknown {
  const reader = new Reader(text.replace(/^[ \t]+/, ''));
  try {
    const value = readValue(reader);
    reader.skipSpace();
    return reader.index === reader.text.length ? value : text;
  } catch (error) {
    if (error === NOT_A_LITERAL) return text;
    throw error;
  }
}

function fail(): never {
  throw NOT_A_LITERAL;
}

function readValue(reader: Reader): unknown {
  const next = reader.peek();
  if (next === '[') return readSequence(reader, '[', ']');
  if (next === '(') {
    const items = readSequence(reader, '(', ')', true);
    return items;
  }
  if (next === '{') return readMapping(reader);
  if (next === '"' || next === "'") return readStrings(reader);
  if (next === '-' || next === '+') {
    reader.index++;
    const value = readValue(reader);
    if (typeof value !== 'number') fail();
    return next === '-' ? -value : value;
  }
  const word = /^[A-Za-z_]\w*/.exec(reader.text.slice(reader.index))?.[0];
  if (word !== undefined) {
    if (/^[rRuU]$/.test(word) && /['"]/.test(reader.text[reader.index + 1] ?? '')) {
      reader.index++;
      return readStrings(reader, word.toLowerCase() === 'r');
    }
    reader.index += word.length;
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'None') return null;
    fail();
  }
  return readNumber(reader);
}

function readNumber(reader: Reader): number {
  const rest = reader.text.slice(reader.index);
  const match = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d[\d_]*)?)/.exec(
    rest,
  )?.[0];
  if (match === undefined || match === '') fail();
  if (/[jJ]/.test(rest[match.length] ?? '') || /[\w.]/.test(rest[match.length] ?? '')) fail();
  if (match.includes('__') || match.endsWith('_') || /_[.eE]|[.eE]_/.test(match)) fail();
  reader.index += match.length;
  const clean = match.replace(/_/g, '');
  if (/^0[xXoObB]/.test(clean)) return Number(clean);
  const isFloat = /[.eE]/.test(clean);
  if (!isFloat && /^0\d/.test(clean) && !/^0+$/.test(clean)) fail(); // "007" is a syntax error in Python 3
  const value = Number(clean);
  if (!isFloat && !Number.isSafeInteger(value)) fail();
  return value;
}

function readSequence(reader: Reader, open: string, close: string, tuple = false): unknown[] {
  reader.take(open);
  const items: unknown[] = [];
  while (!reader.take(close)) {
    items.push(readValue(reader));
    if (reader.take(close)) break;
    if (!reader.take(',')) fail();
  }
  if (tuple && items.length === 1 && !/,\s*\)$/.test(reader.text.slice(0, reader.index))) return items[0] as unknown[];
  return items;
}

function readMapping(reader: Reader): unknown {
  reader.take('{');
  const out: Record<string, unknown> = {};
  const set: unknown[] = [];
  let isSet: boolean | undefined;
  while (!reader.take('}')) {
    const key = readValue(reader);
    if (reader.take(':')) {
      if (
        isSet === true ||
        (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean' && key !== null)
      )
        fail();
      isSet = false;
      out[String(key)] = readValue(reader);
    } else {
      if (isSet === false) fail();
      isSet = true;
      set.push(key);
    }
    if (reader.take('}')) break;
    if (!reader.take(',')) fail();
  }
  return isSet === true ? set : out;
}

/** Adjacent string literals join, as in Python ('a' 'b' is 'ab'). */
function readStrings(reader: Reader, raw = false): string {
  let out = readString(reader, raw);
  while (reader.peek() === '"' || reader.peek() === "'") out += readString(reader, false);
  return out;
}

function readString(reader: Reader, raw: boolean): string {
  const text = reader.text;
  const quote = text.startsWith((text[reader.index] ?? '').repeat(3), reader.index)
    ? (text[reader.index] ?? '').repeat(3)
    : (text[reader.index] ?? '');
  reader.index += quote.length;
  let out = '';
  for (;;) {
    if (reader.index >= text.length) fail();
    if (text.startsWith(quote, reader.index)) {
      reader.index += quote.length;
      return out;
    }
    const char = text[reader.index] ?? '';
    if (char === '\n' && quote.length === 1) fail();
    if (char === '\\' && !raw) {
      const [decoded, length] = escape(text, reader.index + 1);
      out += decoded;
      reader.index += 1 + length;
      continue;
    }
    out += char;
    reader.index++;
  }
}

const simpleEscapes: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
};

function escape(text: string, at: number): [string, number] {
  const char = text[at] ?? '';
  const simple = simpleEscapes[char];
  if (simple !== undefined) return [simple, 1];
  const hex = (length: number): [string, number] => {
    const digits = text.slice(at + 1, at + 1 + length);
    if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) fail();
    return [String.fromCodePoint(parseInt(digits, 16)), 1 + length];
  };
  if (char === 'x') return hex(2);
  if (char === 'u') return hex(4);
  if (char === 'U') return hex(8);
  return [`\\${char}`, 1];
}
