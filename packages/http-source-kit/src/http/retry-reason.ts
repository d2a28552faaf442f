import { ConnectorError, HttpError } from '../errors/index.js';
import { errorCode } from './network-error.js';
import { formatSeconds } from './timed-transport.js';

const statusWords: Record<number, string> = {
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Why an attempt failed, in a few words for the retry's LOG line: "HTTP 429 Too Many Requests, Retry-After 1 s",
 * "socket hang up (ECONNRESET)", "no data received for 60000 ms (ETIMEDOUT)", "the response body ended early, after
 * 120 bytes, in the middle of a JSON value". Built from fields that never hold secrets (and the logger masks anyway).
 */
export function retryReason(error: unknown): string {
  if (HttpError.isInstance(error)) {
    if (error.status !== undefined) {
      const words = statusWords[error.status];
      const after = error.retryAfterMs === undefined ? '' : `, Retry-After ${formatSeconds(error.retryAfterMs)}`;
      return `HTTP ${error.status}${words === undefined ? '' : ` ${words}`}${after}`;
    }
    return codeAndText(error.internalMessage) ?? error.code ?? 'the connection failed';
  }
  if (ConnectorError.isInstance(error)) {
    const cause = error.cause;
    if (cause instanceof Error && cause.name === 'JsonBodyError') return cause.message;
    return codeAndText(error.internalMessage) ?? error.failureType;
  }
  return errorCode(error) ?? 'an unexpected error';
}

/** "ECONNRESET: socket hang up" as "socket hang up (ECONNRESET)". */
function codeAndText(internal: string | undefined): string | undefined {
  const match = internal === undefined ? null : /^([A-Z][A-Z0-9_]+): (.+)$/.exec(internal);
  if (match === null) return internal;
  const [, code = '', text = ''] = match;
  return text.includes(code) ? text : `${text} (${code})`;
}
