// Where a reply's bytes go: the socket as they are, or through gzip first. Both wait for 'drain' when the socket
// buffer is full, so a large body never piles up in memory.
import type { ServerResponse } from 'node:http';
import { constants, createGzip } from 'node:zlib';

export interface BodySink {
  /** Sends `bytes`; with `flushed`, resolves only once they are handed to the socket (before a cut). */
  write(bytes: Buffer, options?: { flushed?: boolean }): Promise<void>;
  /** Ends the body (and the compressed stream). */
  end(): Promise<void>;
}

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

async function send(res: ServerResponse, bytes: Buffer, flushed: boolean): Promise<void> {
  if (flushed) {
    await new Promise<void>((resolve) => {
      res.write(bytes, () => {
        resolve();
      });
    });
  } else if (!res.write(bytes)) {
    await waitForDrainOrClose(res);
  }
}

export function plainSink(res: ServerResponse): BodySink {
  return {
    write: (bytes, options) => send(res, bytes, options?.flushed === true),
    end() {
      res.end();
      return Promise.resolve();
    },
  };
}

/**
 * One gzip stream for the whole body, flushed after every write (as a gzip filter that streams does), so each chunk
 * reaches the client as soon as it is written and a cut leaves the client a valid prefix of the compressed stream.
 */
export function gzipSink(res: ServerResponse): BodySink {
  const zip = createGzip({ flush: constants.Z_SYNC_FLUSH });
  res.once('close', () => zip.destroy());
  const compressed = (): Buffer => {
    const out: Buffer[] = [];
    for (let chunk = zip.read() as Buffer | null; chunk !== null; chunk = zip.read() as Buffer | null) out.push(chunk);
    return Buffer.concat(out);
  };
  return {
    async write(bytes, options) {
      // The callback runs once zlib has processed the chunk, its output already buffered for read().
      await new Promise<void>((resolve, reject) => {
        zip.write(bytes, (error) => {
          if (error) reject(error);
          else resolve();
        });
      });
      await send(res, compressed(), options?.flushed === true);
    },
    async end() {
      zip.end();
      const rest: Buffer[] = [];
      for await (const chunk of zip) rest.push(chunk as Buffer);
      res.end(Buffer.concat(rest));
    },
  };
}
