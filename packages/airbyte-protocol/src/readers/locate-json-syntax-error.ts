/**
 * Says where text that `JSON.parse` rejected goes wrong, as "unexpected character "x" at line 3, column 10".
 * V8's own messages differ between Node versions and may quote the surrounding text (possibly a secret), so we
 * re-scan the text with a small JSON grammar checker and report only the offending character and its place.
 */
export function describeJsonSyntaxError(text: string): string {
  let offset: number;
  try {
    new JsonScanner(text).document();
    return 'not valid JSON';
  } catch (error) {
    if (!(error instanceof SyntaxErrorAt)) return 'not valid JSON'; // e.g. nesting deeper than the call stack
    offset = error.offset;
  }
  const { line, column } = lineAndColumn(text, offset);
  const code = text.charCodeAt(offset);
  const what =
    offset >= text.length
      ? 'unexpected end of input'
      : code < 0x20
        ? `unexpected control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
        : `unexpected character ${JSON.stringify(text.charAt(offset))}`;
  return `${what} at line ${line}, column ${column}`;
}

class SyntaxErrorAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at offset ${offset}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';

class JsonScanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.whitespace();
    if (this.pos < this.text.length) this.fail();
  }

  private value(): void {
    this.whitespace();
    const c = this.text.charAt(this.pos);
    if (c === '{') this.container('}', true);
    else if (c === '[') this.container(']', false);
    else if (c === '"') this.string();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else this.number();
  }

  /** An object (members are `"key": value`) or an array, after its opening bracket. */
  private container(close: string, isObject: boolean): void {
    this.pos++;
    this.whitespace();
    if (this.text.charAt(this.pos) === close) {
      this.pos++;
      return;
    }
    for (;;) {
      if (isObject) {
        this.whitespace();
        if (this.text.charAt(this.pos) !== '"') this.fail();
        this.string();
        this.whitespace();
        if (this.text.charAt(this.pos) !== ':') this.fail();
        this.pos++;
      }
      this.value();
      this.whitespace();
      const c = this.text.charAt(this.pos);
      this.pos++;
      if (c === close) return;
      if (c !== ',') this.fail(this.pos - 1);
    }
  }

  private string(): void {
    this.pos++;
    for (;;) {
      if (this.pos >= this.text.length) this.fail();
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x22) break;
      if (code < 0x20) this.fail();
      if (code === 0x5c) {
        this.pos++;
        const escape = this.text.charAt(this.pos);
        if (escape === 'u') {
          for (let i = 0; i < 4; i++) if (!/[0-9a-fA-F]/.test(this.text.charAt(++this.pos))) this.fail();
        } else if (escape === '' || !ESCAPES.includes(escape)) this.fail();
      }
      this.pos++;
    }
    this.pos++;
  }

  private literal(word: string): void {
    for (const char of word) {
      if (this.text.charAt(this.pos) !== char) this.fail();
      this.pos++;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    // A lone '-' is reported at the character after it, where a digit was expected.
    if (match === null) this.fail(this.text.charAt(this.pos) === '-' ? this.pos + 1 : this.pos);
    this.pos += match[0].length;
  }

  private whitespace(): void {
    while (/[ \t\n\r]/.test(this.text.charAt(this.pos))) this.pos++;
  }

  private fail(offset = this.pos): never {
    throw new SyntaxErrorAt(offset);
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
