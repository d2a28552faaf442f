import { ConnectorError } from '../errors/index.js';

const POINTER_CAUSE_CHARS = 160;

/**
 * "A fatal cause ends the read once." The first failure that concerns the whole run (`ConnectorError.endsRun`: a
 * credential the server refused, a server that does not answer) trips it: the run reports that failure as its one
 * ERROR trace, `signal` aborts with the failure as its reason so requests in flight and retry waits of every stream
 * stop at once, and each other stream ends INCOMPLETE with a short pointer instead of repeating the same message.
 * One per run; later trips are ignored.
 */
export class FatalCause {
  private readonly controller = new AbortController();
  private cause: ConnectorError | undefined;

  /** Aborts when the cause trips; its reason is the cause. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The failure that ended the run, if one did. */
  get error(): ConnectorError | undefined {
    return this.cause;
  }

  /** Records `error` as the cause when none is yet; true when this call tripped it. */
  trip(error: ConnectorError): boolean {
    if (this.cause !== undefined) return false;
    this.cause = error;
    this.controller.abort(error);
    return true;
  }

  /**
   * Whether a stream's failure follows from the cause: the cause itself (or an error caused by it), another failure
   * that ends the run (the same refusal met by another request), or anything thrown after the cause aborted
   * the stream's `signal`.
   */
  explains(failure: unknown, signal?: AbortSignal): boolean {
    const cause = this.cause;
    if (cause === undefined) return false;
    if (signal?.aborted === true && signal.reason === cause) return true;
    for (
      let current: unknown = failure, depth = 0;
      current instanceof Error && depth < 5;
      current = current.cause, depth++
    ) {
      if (current === cause || (ConnectorError.isInstance(current) && current.endsRun === true)) return true;
    }
    return false;
  }

  /** The line a stream ends with when the cause stopped it: the cause's first clause, pointing at its trace. */
  pointer(stream: string): string {
    return `Stream "${stream}" stopped: the read ended because of an earlier error: ${firstClause(this.cause?.userMessage ?? '')} (see the ERROR trace).`;
  }
}

/** Up to the first ". ", ": " or "; ": what went wrong, without the details and advice that follow. */
function firstClause(message: string): string {
  const end = message.search(/[.:;](\s|$)/);
  const clause = end === -1 ? message : message.slice(0, end);
  return clause.length > POINTER_CAUSE_CHARS ? `${clause.slice(0, POINTER_CAUSE_CHARS)}…` : clause;
}
