import { ConnectorError, HttpError } from '../errors/index.js';
import { BODY_LIMIT_CODES } from '../http/body-limits.js';
import { JsonBodyError } from '../records/index.js';

export interface BodyErrorContext {
  stream: string;
  method: string;
  /** Redacted. */
  url: string;
  /** e.g. "$.data" */
  recordPath: string;
  /** How the user can raise the record limit, for a record over it. */
  limitAdvice?: string;
}

/**
 * A body that could not be read as records, as a ConnectorError naming the stream and the record path. A body cut
 * short is transient (retried). An empty body is retried too, since a connection that ends right after the headers
 * looks exactly like it, but if it stays empty it is a system_error. A body that is not JSON or not the expected
 * shape will not improve by asking again (typically the URL points at a web page instead of the API). A body over a
 * limit (a record too large, a body that inflates like a decompression bomb) fails the stream at once, naming it.
 */
export function bodyError(error: unknown, context: BodyErrorContext): unknown {
  if (HttpError.isInstance(error) && error.code !== undefined && BODY_LIMIT_CODES.has(error.code)) {
    return new ConnectorError({
      message: `Stream "${context.stream}": ${error.userMessage}`,
      failureType: error.failureType,
      retryable: false,
      cause: error,
    });
  }
  if (!(error instanceof JsonBodyError)) return error;
  const where = `Stream "${context.stream}": the response to ${context.method} ${context.url}`;
  const advice =
    error.problem === 'invalid'
      ? ' Check that the configured URL points at the API.'
      : error.problem === 'too-large' && context.limitAdvice !== undefined && context.limitAdvice !== ''
        ? ` ${context.limitAdvice}`
        : '';
  const began =
    error.bodyStart === undefined || error.bodyStart === '' ? '' : ` The response began: ${error.bodyStart}`;
  return new ConnectorError({
    message: `${where} could not be read as records at ${context.recordPath}: ${error.message}.${began}${advice}`,
    internalMessage: `JsonBodyError(${error.problem})`,
    failureType:
      error.problem === 'truncated'
        ? 'transient_error'
        : error.problem === 'too-large'
          ? 'config_error'
          : 'system_error',
    cause: error,
  });
}
