import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const decoders: Record<string, (() => Readable & NodeJS.WritableStream) | undefined> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

export interface DecodedBody {
  body: Readable;
  /** The encoding decoded and the compressed bytes received so far; undefined when the body is passed as it came. */
  compression: { encoding: string; receivedBytes: () => number } | undefined;
}

/**
 * The body as the server meant it: a gzip, deflate or brotli `Content-Encoding` is decoded on the way (we ask for
 * them with `Accept-Encoding`), anything else is passed as it came. A decoding error, like a broken connection, ends
 * the returned stream with an error, and destroying the returned stream destroys the response. The compressed bytes
 * are counted, so the reader can stop a body that inflates like a decompression bomb (see body-limits.ts).
 */
export function decodedBody(res: IncomingMessage, method: string, status: number): DecodedBody {
  const encoding = res.headers['content-encoding']?.trim().toLowerCase();
  const decoder = encoding === undefined ? undefined : decoders[encoding];
  if (encoding === undefined || decoder === undefined || method === 'HEAD' || status === 204 || status === 304) {
    return { body: res, compression: undefined };
  }
  const decoded = decoder();
  let received = 0;
  // The response already flows into the decoder (pipe below): one more 'data' listener only counts.
  res.on('data', (chunk: Buffer) => {
    received += chunk.length;
  });
  res.on('error', (error) => decoded.destroy(error));
  res.on('aborted', () =>
    decoded.destroy(Object.assign(new Error('the connection was closed mid-body'), { code: 'ECONNRESET' })),
  );
  decoded.on('close', () => {
    if (!res.readableEnded) res.destroy();
  });
  return { body: res.pipe(decoded), compression: { encoding, receivedBytes: () => received } };
}
