import { ConnectorError } from '../errors/index.js';
import { JsonBodyError } from '../records/index.js';

export interface BodyErrorContext {
  stream: string;
  method: string;
  /** Redacted. */
  url: string;
  /** e.g. "$.data" */
  recordPath: string;
}

/**
 * A body that could not be read as records, as a ConnectorError naming the stream and the record path. A body cut
 * short is transient (retried). An empty body is retried too, since a connection that ends right after the headers
 * looks exactly like it, but if it stays empty it is a system_error. A body that is not JSON or not the expected
 * shape will not improve by asking again (typically the URL points at a web page instead of the API).
 */
export function bodyError(error: unknown, context: BodyErrorContext): unknown {
  if (!(error instanceof JsonBodyError)) return error;
  const where = `Stream "${context.stream}": the response to ${context.method} ${context.url}`;
  const advice = error.problem === 'invalid' ? ' Check that the configured URL points at the API.' : '';
  const began = error.bodyStart === undefined || error.bodyStart === '' ? '' : ` The response began: ${error.bodyStart}`;
  return new ConnectorError({
    message: `${where} could not be read as records at ${context.recordPath}: ${error.message}.${began}${advice}`,
    internalMessage: `JsonBodyError(${error.problem})`,
    failureType: error.problem === 'truncated' ? 'transient_error' : 'system_error',
    ...(error.problem === 'empty' ? { retryable: true } : {}),
    cause: error,
  });
}
