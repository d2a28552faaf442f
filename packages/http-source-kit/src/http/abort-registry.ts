import type { ClientRequest } from 'node:http';

/**
 * Ends requests when their signal aborts, with one listener per signal rather than one per request. (Node's own
 * `signal` option adds an EventTarget listener and an end-of-stream watcher to every request, about 40 µs each, which
 * a run of thousands of small requests notices.) A request leaves the registry when it closes.
 */
export class AbortRegistry {
  private readonly bySignal = new WeakMap<AbortSignal, Set<ClientRequest>>();

  /** Destroys `req` with an AbortError (code ABORT_ERR) when `signal` aborts before `req` closes. */
  track(signal: AbortSignal, req: ClientRequest): void {
    if (signal.aborted) {
      req.destroy(abortError(signal));
      return;
    }
    let requests = this.bySignal.get(signal);
    if (requests === undefined) {
      const open = new Set<ClientRequest>();
      signal.addEventListener(
        'abort',
        () => {
          for (const r of open) r.destroy(abortError(signal));
          open.clear();
        },
        { once: true },
      );
      this.bySignal.set(signal, open);
      requests = open;
    }
    const tracked = requests;
    tracked.add(req);
    req.once('close', () => tracked.delete(req));
  }
}

function abortError(signal: AbortSignal): Error {
  return Object.assign(new Error('The operation was aborted', { cause: signal.reason }), {
    name: 'AbortError',
    code: 'ABORT_ERR',
  });
}
