import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import { createBrotliCompress, createDeflate, createGzip, constants } from 'node:zlib';
import type { Writable } from 'node:stream';
import { answer } from './front-proxy.js';
import type { RequestHandler } from './loopback-https.js';

// Bodies a hostile or broken server can send to make one JSON value enormous: a record with a huge or endless string,
// number, object or array, a huge key, a huge value beside the records, and compressed bodies that inflate far beyond
// what came over the wire (decompression bombs). Each streams with back-pressure and stops when the client goes away,
// so the test server itself stays small whatever the client does.

const PIECE = 64 * 1024;

/** A body: pieces of text, produced as they are written (so an endless body costs nothing up front). */
export type BodyPieces = () => Iterable<string>;

/** `count` bytes of `unit` repeated (ASCII units), in pieces of about 64 KiB; `Infinity` never ends. */
function* repeated(unit: string, count: number): Generator<string> {
  const piece = unit.repeat(Math.max(1, Math.floor(PIECE / unit.length)));
  let left = count;
  while (left > 0) {
    const next = left >= piece.length ? piece : piece.slice(0, left);
    left -= next.length;
    yield next;
  }
}

/** JSON text around a huge middle: `prefix`, then `bytes` of `unit`, then `suffix`. */
function around(prefix: string, unit: string, bytes: number, suffix: string): BodyPieces {
  return function* () {
    yield prefix;
    yield* repeated(unit, bytes);
    yield suffix;
  };
}

/** The kinds of oversized value, each as a whole body for a stream whose records are a top-level array. */
export const oversized = {
  /** One record with a string of `bytes`. */
  string: (bytes: number) => around('[{"id":1,"name":"', 'a', bytes, '"}]'),
  /** One record with a number of `bytes` digits. */
  number: (bytes: number) => around('[{"id":1,"big":1', '7', bytes, '}]'),
  /** One record with many small fields (an object wider than the limit, no value in it large). */
  wideObject: (bytes: number) =>
    function* () {
      yield '[{"id":1';
      let written = 0;
      for (let field = 0; written < bytes;) {
        let piece = '';
        while (piece.length < PIECE) piece += `,"f${field++}":${field}`;
        written += piece.length;
        yield piece;
      }
      yield '}]';
    },
  /** One record with a long array of small numbers. */
  longArray: (bytes: number) => around('[{"id":1,"values":[0', ',1', bytes, ']}]'),
  /** A record that is itself a huge string: a server answering a list with one giant value. */
  bareString: (bytes: number) => around('["', 'x', bytes, '"]'),
  /** No record at all: an empty list padded with `bytes` of whitespace (what a bomb of many small pieces looks like). */
  whitespace: (bytes: number) => around('[', ' ', bytes, ']'),
  /** A dashboard detail (a stream whose record is the whole body, an object) with a description of `bytes`. */
  detail: (id: number, bytes: number) => around(`{"id":${id},"name":"huge","description":"`, 'd', bytes, '"}'),
};

/** Bodies for a stream whose records sit under `data` (`{"data": [...]}`): huge values on the way to the records. */
export const oversizedEnvelope = {
  /** A key of `bytes` characters where the record path is looked for. */
  key: (bytes: number) => around('{"', 'k', bytes, '":1,"data":[]}'),
  /** A value of `bytes` beside the records (`{"data": [], "note": "..."}`). */
  sibling: (bytes: number) => around('{"data":[],"note":"', 'n', bytes, '"}'),
};

/** Answers 200 with `body`, uncompressed, streamed with back-pressure (Content-Length when it is finite). */
export function sendPieces(body: BodyPieces, options: { length?: number } = {}): RequestHandler {
  return answer((res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(options.length === undefined ? {} : { 'content-length': options.length }),
    });
    void pump(body(), res, res);
  });
}

/** The byte length of a finite body, for its Content-Length. */
export function lengthOf(body: BodyPieces): number {
  let length = 0;
  for (const piece of body()) length += Buffer.byteLength(piece);
  return length;
}

export type Encoding = 'gzip' | 'deflate' | 'br';

/**
 * Answers 200 with `body` compressed on the fly (Content-Encoding `encoding`, no Content-Length): highly repetitive
 * text compresses about 1000:1 with gzip and deflate and far more with brotli, so a small transfer inflates to
 * gigabytes. Compression stops when the client stops reading.
 */
export function sendCompressed(body: BodyPieces, encoding: Encoding): RequestHandler {
  return answer((res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
    const compressor =
      encoding === 'gzip'
        ? createGzip({ level: 9 })
        : encoding === 'deflate'
          ? createDeflate({ level: 9 })
          : createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
    compressor.pipe(res);
    res.once('close', () => compressor.destroy());
    void pump(body(), compressor, res);
  });
}

/** Writes the pieces to `sink` with back-pressure, then ends it; stops early when the response closes. */
async function pump(pieces: Iterable<string>, sink: Writable, res: ServerResponse): Promise<void> {
  const closed = once(res, 'close').catch(() => undefined);
  try {
    for (const piece of pieces) {
      if (res.destroyed || sink.destroyed) return;
      if (!sink.write(piece)) await Promise.race([once(sink, 'drain'), closed]);
    }
    sink.end();
  } catch {
    res.destroy();
  }
}
