// Writes a Reply with back-pressure: pieces are batched into ~64 KB chunks and we await 'drain' whenever the socket
// buffer is full, so memory stays flat whatever the body size. Compressed like Metabase when asked (see gzip-body.ts),
// and spoiled at a chosen byte when a fault says so.
import type { ServerResponse } from 'node:http';
import { gzipSink, plainSink, type BodySink } from './body-sink.js';
import { gzipWanted } from './gzip-body.js';
import type { Reply } from './reply.js';

const CHUNK_BYTES = 64 * 1024;

/**
 * How to spoil a body. 'destroy' drops the connection, 'end' ends the response cleanly (broken JSON, or a gzip stream
 * without its end). Where: `piece` picks a piece of the body and `byte` a byte in it (fractions in [0, 1)), so any
 * byte of any body can be the last one sent.
 */
export interface BodyCut {
  how: 'destroy' | 'end';
  piece: number;
  byte: number;
}

export interface WriteOptions {
  cut?: BodyCut | undefined;
  /** The request's Accept-Encoding, when the reply may be compressed. */
  acceptEncoding?: string | undefined;
}

function contentType(reply: Reply): string {
  return reply.kind === 'json' ? 'application/json;charset=utf-8' : 'text/plain;charset=utf-8';
}

export async function writeReply(res: ServerResponse, reply: Reply, options: WriteOptions = {}): Promise<void> {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.kind === 'empty') {
    // Nothing to cut short in an empty answer: a cut drops the connection before it.
    if (options.cut?.how === 'destroy') res.destroy();
    else res.writeHead(reply.status, headers).end();
    return;
  }
  headers['Content-Type'] ??= contentType(reply);
  const body = reply.kind === 'json' ? reply.body : { pieces: () => [reply.text], pieceCount: 1 };
  const whole = body.pieceCount === 1 ? [...body.pieces()].join('') : undefined;
  const gzip = gzipWanted(reply.status, options.acceptEncoding, whole);
  const { cut } = options;
  if (cut === undefined && !gzip && whole !== undefined) {
    headers['Content-Length'] = String(Buffer.byteLength(whole));
    res.writeHead(reply.status, headers).end(whole);
    return;
  }
  if (gzip) {
    headers['Content-Encoding'] = 'gzip';
    headers.Vary = 'Accept-Encoding';
  }
  res.writeHead(reply.status, headers);
  const sink = gzip ? gzipSink(res) : plainSink(res);
  const cutAt = cut === undefined ? -1 : Math.floor(cut.piece * body.pieceCount);
  let buffer = '';
  let index = 0;
  for (const piece of whole === undefined ? body.pieces() : [whole]) {
    if (res.destroyed) return;
    if (index === cutAt && cut !== undefined) {
      const bytes = Buffer.from(piece);
      await spoil(
        res,
        sink,
        Buffer.concat([Buffer.from(buffer), bytes.subarray(0, Math.floor(cut.byte * bytes.length))]),
        cut.how,
      );
      return;
    }
    buffer += piece;
    index++;
    if (buffer.length >= CHUNK_BYTES) {
      await sink.write(Buffer.from(buffer));
      buffer = '';
    }
  }
  if (buffer !== '') await sink.write(Buffer.from(buffer));
  await sink.end();
}

/** Sends `prefix` (compressed as the rest was, if it was), then drops the connection or ends the response. */
async function spoil(res: ServerResponse, sink: BodySink, prefix: Buffer, how: BodyCut['how']): Promise<void> {
  await sink.write(prefix, { flushed: true });
  if (how === 'destroy') res.destroy();
  else res.end();
}
