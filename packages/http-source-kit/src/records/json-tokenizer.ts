/**
 * An incremental, validating JSON scanner over byte chunks. It builds no values: it checks the grammar byte by byte
 * (so a record passed through untouched is always valid JSON) and reports events only for values at a shallow depth
 * (`<= watchDepth`), where the record selector navigates. Deep content (the inside of records) costs one tight loop.
 */
import { JsonBodyError } from './json-body-error.js';
import { isDigit, NUMBER_CANNOT_CONTINUE, numberCanEnd, numberStart, numberStep } from './json-number-grammar.js';

/** Receives the shallow events. `depth` is the number of open containers around the value or key. */
export interface ShallowHandler {
  valueStart(chunk: Buffer, at: number, depth: number, firstByte: number): void;
  valueEnd(chunk: Buffer, end: number, depth: number): void;
  keyStart(chunk: Buffer, at: number, depth: number): void;
  keyEnd(chunk: Buffer, end: number, depth: number, hadEscape: boolean): void;
  chunkEnd(chunk: Buffer): void;
}

const VALUE = 0,
  ARRAY_FIRST = 1,
  OBJECT_FIRST = 2,
  KEY = 3,
  COLON = 4,
  AFTER = 5;
const STRING = 6,
  ESCAPE = 7,
  UNICODE = 8,
  NUMBER = 9,
  LITERAL = 10,
  DONE = 11;
const OBJ = 1,
  ARR = 2;
const LITERALS = { t: Buffer.from('true'), f: Buffer.from('false'), n: Buffer.from('null') };

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export class JsonTokenizer {
  /** Set when a raw CR or LF was skipped as whitespace; the handler resets it. */
  sawNewline = false;
  private state = VALUE;
  private depth = 0;
  /** Container kind per open depth; grown on demand (most bodies nest a few levels, the limit is hundreds). */
  private kinds = new Uint8Array(16);
  private readonly maxDepth: number;
  private inKey = false;
  private hadEscape = false;
  private hexLeft = 0;
  private num = 0;
  private literal: Buffer = LITERALS.t;
  private literalIndex = 0;
  private offset = 0;
  private started = false;

  constructor(
    private readonly handler: ShallowHandler,
    private readonly watchDepth: number,
    maxDepth = 512,
  ) {
    this.maxDepth = maxDepth;
  }

  /** Bytes consumed so far (for error messages). */
  get position(): number {
    return this.offset;
  }

  get complete(): boolean {
    return this.state === DONE || (this.state === NUMBER && this.depth === 0 && numberCanEnd(this.num));
  }

  write(chunk: Buffer): void {
    let i = 0;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3; // UTF-8 byte order mark
    }
    const n = chunk.length;
    let state = this.state;
    while (i < n) {
      let c = chunk[i] as number;
      switch (state) {
        case STRING: {
          // Hot loop: most bytes of a body are string content.
          while (c !== 0x22 && c !== 0x5c && c >= 0x20) {
            if (++i === n) break;
            c = chunk[i] as number;
          }
          if (i === n) break;
          if (c === 0x22) {
            state = this.endString(chunk, i);
          } else if (c === 0x5c) {
            state = ESCAPE;
            this.hadEscape = true;
          } else {
            this.fail(chunk, i, 'a raw control character inside a string');
          }
          i++;
          break;
        }
        case ESCAPE:
          if (c === 0x75) {
            state = UNICODE;
            this.hexLeft = 4;
          } else if (
            c === 0x22 ||
            c === 0x5c ||
            c === 0x2f ||
            c === 0x62 ||
            c === 0x66 ||
            c === 0x6e ||
            c === 0x72 ||
            c === 0x74
          ) {
            state = STRING;
          } else {
            this.fail(chunk, i, 'an invalid escape sequence');
          }
          i++;
          break;
        case UNICODE:
          if (!isHex(c)) this.fail(chunk, i, 'an invalid \\u escape');
          if (--this.hexLeft === 0) state = STRING;
          i++;
          break;
        case NUMBER: {
          const next = numberStep(this.num, c);
          if (next !== NUMBER_CANNOT_CONTINUE) {
            this.num = next;
            i++;
          } else {
            if (!numberCanEnd(this.num)) this.fail(chunk, i, 'an incomplete number');
            state = this.endValue(chunk, i); // re-read this byte in the next state
          }
          break;
        }
        case LITERAL:
          if (c !== this.literal[this.literalIndex]) this.fail(chunk, i, 'an invalid literal');
          i++;
          if (++this.literalIndex === this.literal.length) state = this.endValue(chunk, i);
          break;
        default:
          if (isWhitespace(c)) {
            if (c === 0x0a || c === 0x0d) this.sawNewline = true;
            i++;
            break;
          }
          state = this.structural(chunk, i, c, state);
          i++;
      }
    }
    this.state = state;
    this.offset += n;
    this.handler.chunkEnd(chunk);
  }

  /** Call when the body ended; throws a truncation error if the value is incomplete. */
  end(): void {
    if (this.state === NUMBER && this.depth === 0 && numberCanEnd(this.num)) {
      this.state = this.endValue(Buffer.alloc(0), 0);
    }
    if (this.state !== DONE) {
      throw new JsonBodyError(
        this.started ? 'truncated' : 'empty',
        this.started
          ? `the response body ended early, after ${this.offset} bytes, in the middle of a JSON value`
          : 'the response body is empty',
      );
    }
  }

  private structural(chunk: Buffer, i: number, c: number, state: number): number {
    switch (state) {
      case VALUE:
      case ARRAY_FIRST:
        if (c === 0x5d && state === ARRAY_FIRST) return this.close(chunk, i, ARR);
        return this.startValue(chunk, i, c);
      case OBJECT_FIRST:
        if (c === 0x7d) return this.close(chunk, i, OBJ);
        return this.startKey(chunk, i, c);
      case KEY:
        return this.startKey(chunk, i, c);
      case COLON:
        if (c !== 0x3a) this.fail(chunk, i, "something other than ':' after a key");
        return VALUE;
      case AFTER: {
        const kind = this.kinds[this.depth];
        if (c === 0x2c) return kind === OBJ ? KEY : VALUE;
        if (c === 0x7d && kind === OBJ) return this.close(chunk, i, OBJ);
        if (c === 0x5d && kind === ARR) return this.close(chunk, i, ARR);
        return this.fail(chunk, i, "something other than ',' or a closing bracket after a value");
      }
      default:
        return this.fail(chunk, i, 'data after the end of the JSON value');
    }
  }

  private startValue(chunk: Buffer, i: number, c: number): number {
    const literal = c === 0x74 ? LITERALS.t : c === 0x66 ? LITERALS.f : c === 0x6e ? LITERALS.n : undefined;
    const number = c === 0x2d || isDigit(c);
    if (literal === undefined && !number && c !== 0x7b && c !== 0x5b && c !== 0x22) {
      this.fail(chunk, i, 'an unexpected character where a value should start');
    }
    if (this.depth <= this.watchDepth) this.handler.valueStart(chunk, i, this.depth, c);
    if (c === 0x7b || c === 0x5b) {
      if (this.depth + 1 > this.maxDepth) this.fail(chunk, i, 'JSON nested too deeply');
      if (this.depth + 1 >= this.kinds.length) this.grow();
      this.kinds[++this.depth] = c === 0x7b ? OBJ : ARR;
      return c === 0x7b ? OBJECT_FIRST : ARRAY_FIRST;
    }
    if (c === 0x22) {
      this.inKey = false;
      return STRING;
    }
    if (literal === undefined) {
      this.num = numberStart(c);
      return NUMBER;
    }
    this.literal = literal;
    this.literalIndex = 1;
    return LITERAL;
  }

  private startKey(chunk: Buffer, i: number, c: number): number {
    if (c !== 0x22) this.fail(chunk, i, 'something other than a quoted key');
    this.inKey = true;
    this.hadEscape = false;
    if (this.depth <= this.watchDepth) this.handler.keyStart(chunk, i + 1, this.depth);
    return STRING;
  }

  private endString(chunk: Buffer, i: number): number {
    if (!this.inKey) return this.endValue(chunk, i + 1);
    this.inKey = false;
    if (this.depth <= this.watchDepth) this.handler.keyEnd(chunk, i, this.depth, this.hadEscape);
    return COLON;
  }

  private close(chunk: Buffer, i: number, kind: number): number {
    if (this.kinds[this.depth] !== kind) this.fail(chunk, i, 'a mismatched closing bracket');
    this.depth--;
    return this.endValue(chunk, i + 1);
  }

  private endValue(chunk: Buffer, end: number): number {
    if (this.depth <= this.watchDepth) this.handler.valueEnd(chunk, end, this.depth);
    return this.depth === 0 ? DONE : AFTER;
  }

  private grow(): void {
    const kinds = new Uint8Array(Math.min(this.kinds.length * 2, this.maxDepth + 1));
    kinds.set(this.kinds);
    this.kinds = kinds;
  }

  private fail(chunk: Buffer, i: number, what: string): never {
    const from = Math.max(0, i - 20);
    const near = chunk.toString('utf8', from, Math.min(chunk.length, i + 20)).replace(/\s+/g, ' ');
    throw new JsonBodyError('invalid', `invalid JSON at byte ${this.offset + i}: ${what} (near "${near}")`);
  }
}
