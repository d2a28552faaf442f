import { Writable } from 'node:stream';

/** A stream that accepts everything and keeps nothing (for a writer whose messages are only observed). */
export function discardStream(): Writable {
  return new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
}
