// Writes a Reply with back-pressure: pieces are batched into ~64 KB chunks and we await 'drain'
// whenever the socket buffer is full, so memory stays flat whatever the body size.
import type { ServerResponse } from 'node:http';
import type { Reply } from './reply.js';

const CHUNK_BYTES = 64 * 1024;

/** How to spoil a body: 'destroy' drops the connection halfway, 'end' finishes cleanly after half (broken JSON). */
export type BodyCut = 'destroy' | 'end';

function waitForDrainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function writeAndFlush(res: ServerResponse, chunk: string): Promise<void> {
  return new Promise((resolve) => {
    res.write(chunk, () => {
      resolve();
    });
  });
}

function contentType(reply: Reply): string {
  return reply.kind === 'json' ? 'application/json;charset=utf-8' : 'text/plain;charset=utf-8';
}

export async function writeReply(res: ServerResponse, reply: Reply, cut?: BodyCut): Promise<void> {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.kind === 'empty') {
    res.writeHead(reply.status, headers).end();
    return;
  }
  headers['Content-Type'] ??= contentType(reply);
  const body = reply.kind === 'json' ? reply.body : { pieces: () => [reply.text], pieceCount: 1 };
  if (cut === undefined && body.pieceCount === 1) {
    const text = [...body.pieces()].join('');
    headers['Content-Length'] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers).end(text);
    return;
  }
  res.writeHead(reply.status, headers);
  const cutAt = cut === undefined ? -1 : Math.floor(body.pieceCount / 2);
  let buffer = '';
  let index = 0;
  for (const piece of body.pieces()) {
    if (res.destroyed) return;
    if (index === cutAt) {
      await writeAndFlush(res, buffer + piece.slice(0, Math.floor(piece.length / 2)));
      if (cut === 'destroy') res.destroy();
      else res.end();
      return;
    }
    buffer += piece;
    index++;
    if (buffer.length >= CHUNK_BYTES) {
      const ok = res.write(buffer);
      buffer = '';
      if (!ok) await waitForDrainOrClose(res);
    }
  }
  res.end(buffer);
}
