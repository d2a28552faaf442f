/**
 * Finds the records in a JSON body as it streams in: walks the objects along the record path, yields the exact text
 * of each element of the array found there (or the object found there, as one record), and keeps small values beside
 * the path (`total`, `next_page`, `meta: {...}`) in an envelope for the paginator. Memory stays bounded by the largest
 * record plus one chunk, whatever the body size.
 */
import { bodySnippet } from '../errors/index.js';
import { formatBytes } from '../errors/format-bytes.js';
import { JsonBodyError } from './json-body-error.js';
import { JsonTokenizer, type ShallowHandler } from './json-tokenizer.js';
import { formatPath } from './record-path.js';

/** What sat at the record path: records came from an array or a single object; `null` means no records. */
export type RecordsFound = 'array' | 'object' | 'null';

/**
 * What a body may hold at the record path: an array of records, one object as a single record, or either (the
 * default). `null` always means no records. Anything else fails the body with a `shape` JsonBodyError.
 */
export type RecordsShape = 'array' | 'object' | 'array-or-object';

const shapeWords: Record<RecordsShape, string> = {
  array: 'an array',
  object: 'an object',
  'array-or-object': 'an array or an object',
};

/** Characters of the body kept for the message of a body of the wrong shape. */
const HEAD_LENGTH = 400;

export interface RecordScannerOptions {
  /** What the record path must hold (default 'array-or-object'). */
  expect?: RecordsShape;
  /**
   * Largest record accepted, in bytes of JSON text (default DEFAULT_MAX_RECORD_BYTES). A value beside the records or a
   * key on the way to them is held to the same limit. A larger one fails the body (`too-large`) as soon as it passes
   * the limit, before more of it is kept: memory stays bounded whatever the server sends.
   */
  maxRecordBytes?: number;
  /** Values beside the path larger than this are not kept in the envelope (default 64 KiB). */
  maxEnvelopeValueBytes?: number;
  /** Deepest nesting accepted (default 512). */
  maxDepth?: number;
}

/** The default limit on one record: room for big cards and dashboards, and far below what would exhaust memory. */
export const DEFAULT_MAX_RECORD_BYTES = 24 * 1024 * 1024;

const RECORD = 1,
  TARGET = 2,
  PATH = 3,
  SIBLING = 4,
  SKIP = 5,
  KEY = 6;
const spanWords: Record<number, string> = {
  [RECORD]: 'a record',
  [SIBLING]: 'a value beside the records',
  [SKIP]: 'a value',
  [KEY]: 'a key',
};
const ROLE_PATH = 1,
  ROLE_RECORDS = 2;

function describeStart(c: number): string {
  if (c === 0x7b) return 'an object';
  if (c === 0x5b) return 'an array';
  if (c === 0x22) return 'a string';
  if (c === 0x74 || c === 0x66) return 'a boolean';
  return c === 0x6e ? 'null' : 'a number';
}

export class RecordScanner implements ShallowHandler {
  /** Values found beside the record path, nested the way they appear in the body. */
  readonly envelope: Record<string, unknown> = {};
  found: RecordsFound | undefined;
  private readonly tokenizer: JsonTokenizer;
  private readonly roles: Uint8Array;
  private readonly maxEnvelopeValueBytes: number;
  private readonly maxRecordBytes: number;
  /** Body offset where the key or value being read at the shallow level began (-1: none), and its kind. */
  private spanStart = -1;
  private spanKind = 0;
  private records = 0;
  private out: string[] = [];
  private nextKind = PATH;
  private busyDepth = -1;
  private busyKind = 0;
  private capturing = false;
  private capStart = 0;
  private pieces: Buffer[] = [];
  private capBytes = 0;
  private capLimit = Infinity;
  private key = '';
  private readonly topKeys: string[] = [];
  private shapeProblem: string | undefined;
  private readonly expect: RecordsShape;
  /**
   * The start of the body, for the message of a wrong shape (an error object where a list was expected): the first
   * chunks themselves, decoded only if a message needs them.
   */
  private readonly headChunks: Buffer[] = [];
  private headBytes = 0;

  constructor(
    private readonly path: readonly string[],
    options: RecordScannerOptions = {},
  ) {
    this.tokenizer = new JsonTokenizer(this, path.length + 1, options.maxDepth);
    this.roles = new Uint8Array(path.length + 2);
    this.maxEnvelopeValueBytes = options.maxEnvelopeValueBytes ?? 64 * 1024;
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.expect = options.expect ?? 'array-or-object';
  }

  /** Feeds one chunk; returns the records completed in it, as JSON text without raw line breaks. */
  write(chunk: Buffer): string[] {
    if (this.headBytes < HEAD_LENGTH) {
      this.headChunks.push(chunk);
      this.headBytes += chunk.length;
    }
    this.tokenizer.write(chunk);
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Call when the body ended: throws if it was cut short or the record path was not there. */
  end(): void {
    this.tokenizer.end();
    if (this.shapeProblem !== undefined) throw new JsonBodyError('shape', this.shapeProblem, bodySnippet(this.head()));
    if (this.found !== undefined) return;
    const keys = this.topKeys.length > 0 ? ` (top-level keys: ${this.topKeys.join(', ')})` : '';
    throw new JsonBodyError(
      'shape',
      `the response has no value at ${formatPath(this.path)}${keys}`,
      bodySnippet(this.head()),
    );
  }

  private head(): string {
    return Buffer.concat(this.headChunks).toString('utf8', 0, Math.min(this.headBytes, HEAD_LENGTH));
  }

  valueStart(chunk: Buffer, at: number, depth: number, c: number): void {
    if (this.busyDepth >= 0) return;
    let kind: number;
    if (depth === 0) kind = this.path.length === 0 ? TARGET : PATH;
    else if (this.roles[depth] === ROLE_RECORDS) kind = RECORD;
    else kind = this.nextKind;
    switch (kind) {
      case RECORD:
        this.tokenizer.sawNewline = false;
        this.begin(at, depth, RECORD, Infinity);
        return;
      case TARGET:
        if (this.found !== undefined) {
          this.shape(depth, at, `the key at ${formatPath(this.path)} appears twice`);
        } else if (c === 0x5b && this.expect !== 'object') {
          this.found = 'array';
          this.roles[depth + 1] = ROLE_RECORDS;
        } else if (c === 0x7b && this.expect !== 'array') {
          this.found = 'object';
          this.tokenizer.sawNewline = false;
          this.begin(at, depth, RECORD, Infinity);
        } else if (c === 0x6e) {
          this.found = 'null';
          this.skip(depth, at);
        } else {
          this.shape(
            depth,
            at,
            `expected ${shapeWords[this.expect]} at ${formatPath(this.path)}, found ${describeStart(c)}`,
          );
        }
        return;
      case PATH:
        if (c === 0x7b) {
          this.roles[depth + 1] = ROLE_PATH;
        } else if (c === 0x6e && depth > 0) {
          this.found = 'null';
          this.skip(depth, at);
        } else {
          const where = formatPath(this.path.slice(0, depth));
          this.shape(
            depth,
            at,
            `expected an object at ${where} on the way to ${formatPath(this.path)}, found ${describeStart(c)}`,
          );
        }
        return;
      default:
        this.begin(at, depth, SIBLING, this.maxEnvelopeValueBytes);
    }
  }

  valueEnd(chunk: Buffer, end: number, depth: number): void {
    if (this.busyDepth !== depth) return;
    this.busyDepth = -1;
    this.endSpan(end);
    if (this.busyKind === SKIP) return;
    const kind = this.busyKind;
    const text = this.finish(chunk, end);
    if (kind === RECORD) {
      this.records++;
      this.out.push(this.tokenizer.sawNewline ? text.replace(/[\r\n]/g, ' ') : text);
    } else {
      this.keep(depth, text);
    }
  }

  keyStart(chunk: Buffer, at: number, depth: number): void {
    if (this.busyDepth >= 0 || this.roles[depth] !== ROLE_PATH) return;
    this.capturing = true;
    this.capStart = at;
    this.busyKind = KEY;
    this.capLimit = this.maxEnvelopeValueBytes; // a longer key is not kept: it matches no path segment
    this.startSpan(at, KEY);
  }

  keyEnd(chunk: Buffer, end: number, depth: number, hadEscape: boolean): void {
    if (!this.capturing || this.busyKind !== KEY) return;
    this.endSpan(end);
    const raw = this.finish(chunk, end);
    const key = hadEscape ? (JSON.parse(`"${raw}"`) as string) : raw;
    this.key = key;
    if (depth === 1 && this.topKeys.length < 20) this.topKeys.push(key);
    if (key !== this.path[depth - 1]) this.nextKind = SIBLING;
    else this.nextKind = depth === this.path.length ? TARGET : PATH;
  }

  chunkEnd(chunk: Buffer): void {
    // The tokenizer has counted this chunk: its position is the body offset just after it.
    if (this.spanStart >= 0) this.checkSize(this.tokenizer.position);
    if (!this.capturing) return;
    const size = chunk.length - this.capStart;
    this.capBytes += size;
    // Copy: the caller may reuse its buffer. Only a value that spans chunks pays for this.
    if (this.capBytes <= this.capLimit && size > 0) this.pieces.push(Buffer.from(chunk.subarray(this.capStart)));
    this.capStart = 0;
  }

  private begin(at: number, depth: number, kind: number, limit: number): void {
    this.busyDepth = depth;
    this.busyKind = kind;
    this.capturing = true;
    this.capStart = at;
    this.capLimit = limit;
    this.startSpan(at, kind);
  }

  /** Skips a value (counted against the size limit, not kept). */
  private skip(depth: number, at: number): void {
    this.busyDepth = depth;
    this.busyKind = SKIP;
    this.startSpan(at, SKIP);
  }

  /** `at` is an offset in the chunk being tokenized, whose start is the tokenizer's position. */
  private startSpan(at: number, kind: number): void {
    this.spanStart = this.tokenizer.position + at;
    this.spanKind = kind;
  }

  private endSpan(end: number): void {
    this.checkSize(this.tokenizer.position + end);
    this.spanStart = -1;
  }

  private checkSize(offset: number): void {
    if (offset - this.spanStart <= this.maxRecordBytes) return;
    const what = this.spanKind === RECORD ? `record ${this.records + 1}` : (spanWords[this.spanKind] ?? 'a value');
    throw new JsonBodyError(
      'too-large',
      `${what} (from byte ${this.spanStart}) is larger than the limit of ${formatBytes(this.maxRecordBytes)} on one record`,
    );
  }

  /** Ends a capture and returns its text; '' when it outgrew its limit (a JSON value is never empty). */
  private finish(chunk: Buffer, end: number): string {
    this.capturing = false;
    const pieces = this.pieces;
    const bytes = this.capBytes + (end - this.capStart);
    this.capBytes = 0;
    if (pieces.length === 0) return bytes > this.capLimit ? '' : chunk.toString('utf8', this.capStart, end);
    this.pieces = [];
    if (bytes > this.capLimit) return '';
    pieces.push(chunk.subarray(this.capStart, end));
    return Buffer.concat(pieces).toString('utf8');
  }

  /** Stores a sibling value in the envelope under the path prefix it was found beside. */
  private keep(depth: number, text: string): void {
    if (text === '') return; // too large to keep
    let target = this.envelope;
    for (const key of this.path.slice(0, depth - 1)) {
      const next = target[key];
      if (next === null || typeof next !== 'object') target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[this.key] = JSON.parse(text) as unknown;
  }

  /**
   * Notes a wrong shape and skips the value. The error is raised at the end of the body, so that a body that is also
   * invalid or cut short is reported as such (a cut-short body is retried; a wrong shape is not).
   */
  private shape(depth: number, at: number, message: string): void {
    this.shapeProblem ??= message;
    this.found ??= 'null';
    this.skip(depth, at);
  }
}
