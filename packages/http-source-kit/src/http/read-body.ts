import type { Readable } from 'node:stream';

/**
 * Read level 5, the body, read whole (`HttpClient.json` and `text`, error bodies).
 * Reads a whole body as UTF-8 text; errors (already HttpErrors from the guard) propagate. Past `maxBytes` it stops
 * reading: with `tooLarge`, it throws what that returns; without, it returns the text read so far (a snippet).
 */
export async function readBodyText(
  body: Readable,
  maxBytes = Number.POSITIVE_INFINITY,
  tooLarge?: () => Error,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (tooLarge !== undefined && size > maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
    if (tooLarge === undefined && size >= maxBytes) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}
