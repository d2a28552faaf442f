import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const decoders: Record<string, (() => Readable & NodeJS.WritableStream) | undefined> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * The body as the server meant it: a gzip, deflate or brotli `Content-Encoding` is decoded on the way (we ask for
 * them with `Accept-Encoding`), anything else is passed as it came. A decoding error, like a broken connection, ends
 * the returned stream with an error, and destroying the returned stream destroys the response.
 */
export function decodedBody(res: IncomingMessage, method: string, status: number): Readable {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  const decoder = encoding === undefined ? undefined : decoders[encoding];
  if (decoder === undefined || method === 'HEAD' || status === 204 || status === 304) return res;
  const decoded = decoder();
  res.on('error', (error) => decoded.destroy(error));
  res.on('aborted', () => decoded.destroy(Object.assign(new Error('the connection was closed mid-body'), { code: 'ECONNRESET' })));
  decoded.on('close', () => {
    if (!res.readableEnded) res.destroy();
  });
  return res.pipe(decoded);
}
