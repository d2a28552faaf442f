import type { Readable } from 'node:stream';

/**
 * Read level 5, the body of a page being read as records.
 * The chunks of a body, like `for await (const chunk of body)` but lighter: Node's stream iterator sets up an
 * end-of-stream watcher per stream, which costs more than a small response's whole body. Errors and a close before
 * the end (ERR_STREAM_PREMATURE_CLOSE) are thrown; leaving the loop early destroys the stream.
 */
export async function* bodyChunks(body: Readable): AsyncGenerator<Buffer> {
  let wake: (() => void) | undefined;
  // Set by the listeners below, between awaits (an object, so the checks in the loop are not narrowed away).
  const state: { ended: boolean; failure?: { error: unknown } } = { ended: false };
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const onEnd = (): void => {
    state.ended = true;
    notify();
  };
  const onError = (error: unknown): void => {
    state.failure ??= { error };
    notify();
  };
  const onClose = (): void => {
    if (!state.ended)
      state.failure ??= { error: Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }) };
    notify();
  };
  body.on('readable', notify);
  body.once('end', onEnd);
  body.once('error', onError);
  body.once('close', onClose);
  try {
    for (;;) {
      const chunk = body.destroyed ? null : (body.read() as Buffer | null);
      if (chunk !== null) {
        yield chunk;
        continue;
      }
      if (state.failure !== undefined) throw state.failure.error;
      if (state.ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    body.off('readable', notify);
    body.off('end', onEnd);
    body.off('error', onError);
    body.off('close', onClose);
    if (!state.ended) body.destroy();
  }
}
