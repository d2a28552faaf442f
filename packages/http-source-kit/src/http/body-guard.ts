import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { HttpError, redactUrl } from '../errors/index.js';
import { inflationError, type InflationCheck } from './body-limits.js';

export interface BodyGuardContext {
  method: string;
  /** Unredacted: messages redact it. */
  url: string;
  /** The raw message (before decompression), to know whether it arrived complete. */
  raw: IncomingMessage | undefined;
  /** Expected byte count, when the body is not decoded on the way. */
  expectedLength: number | undefined;
  /** For a body decoded on the way: the ratio it may inflate to. */
  inflation: InflationCheck | undefined;
  timeoutMessage: () => string | undefined;
  onClose: () => void;
}

/**
 * Passes the body through and turns every way it can break into a retryable HttpError: a stream error or
 * abort, a message Node did not see complete, or fewer bytes than Content-Length. A compressed body that inflates
 * like a decompression bomb ends with a final (not retryable) HttpError. Closing it frees the slot.
 */
export function guardBody(source: Readable, context: BodyGuardContext): Readable {
  // A plain Readable fed by push(), not a PassThrough: a Transform's writable half costs ~15 µs per response, which
  // a run of thousands of small requests notices.
  const guard = new Readable({
    highWaterMark: 64 * 1024,
    read() {
      source.resume();
    },
  });
  let received = 0;
  const truncated = (detail: string, code: string): HttpError =>
    new HttpError({
      message: `The response to ${context.method} ${redactUrl(context.url)} ended early: ${context.timeoutMessage() ?? detail}`,
      internalMessage: `${code}: ${detail}, ${received} bytes received`,
      failureType: 'transient_error',
      method: context.method,
      url: context.url,
      retryable: true,
      code,
    });

  const inflation = context.inflation;
  source.on('data', (chunk: Buffer) => {
    if (guard.destroyed) return;
    received += chunk.length;
    const bomb =
      inflation === undefined
        ? undefined
        : inflationError(inflation, received, context.method, () => redactUrl(context.url));
    if (bomb !== undefined) guard.destroy(bomb);
    else if (!guard.push(chunk)) source.pause();
  });
  source.once('end', () => {
    if (context.raw && !context.raw.complete)
      guard.destroy(truncated('the connection closed mid-body', 'ERR_BODY_TRUNCATED'));
    else if (context.expectedLength !== undefined && received !== context.expectedLength)
      guard.destroy(truncated(`expected ${context.expectedLength} bytes`, 'ERR_BODY_TRUNCATED'));
    else guard.push(null);
  });
  const onBroken = (error?: unknown): void => {
    const code =
      typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
        ? error.code
        : undefined;
    guard.destroy(truncated('the connection was closed mid-body', code ?? 'ERR_BODY_TRUNCATED'));
  };
  source.once('error', onBroken);
  context.raw?.once('aborted', onBroken);
  source.once('close', () => {
    if (!source.readableEnded && !guard.destroyed) onBroken();
  });
  guard.once('close', () => {
    context.onClose();
    if (!source.readableEnded) source.destroy();
  });
  return guard;
}
