import { HttpError } from '../errors/index.js';
import { FIRST_BYTE_TIMEOUT_CODE, type TransportTimeout } from './timed-transport.js';

export interface NoAnswerContext {
  method: string;
  /** Redacted. */
  url: string;
  /** Said after the message: how to give the server longer (a source names its own setting). */
  advice: string;
}

/**
 * A request the server accepted and did not answer within the first-byte timeout. It is not sent again: a retry would
 * most likely wait as long. When the server answered no other request meanwhile, it is not answering at all, and the
 * error ends the run (`endsRun`): one ERROR trace, instead of every stream waiting out every attempt in turn.
 */
export function noAnswerError(
  timeout: Extract<TransportTimeout, { kind: 'first-byte' }>,
  context: NoAnswerContext,
): HttpError {
  const base = `${context.method} ${context.url}: the server accepted the connection but did not answer (${timeout.message})`;
  const why = timeout.othersAnswered
    ? '. It answered other requests meanwhile, so this request is slow rather than lost; it is not sent again, since it would most likely wait as long.'
    : ', nor any other request meanwhile. The read stops here instead of waiting as long again for every request. Check that the server (and any proxy or load balancer in front of it) is up and not overloaded.';
  return new HttpError({
    message: `${base}${why}${context.advice === '' ? '' : ` ${context.advice}`}`,
    internalMessage: `${FIRST_BYTE_TIMEOUT_CODE}: ${timeout.message}, other requests answered meanwhile: ${String(timeout.othersAnswered)}`,
    failureType: 'transient_error',
    method: context.method,
    url: context.url,
    retryable: false,
    code: FIRST_BYTE_TIMEOUT_CODE,
    ...(timeout.othersAnswered ? {} : { endsRun: true }),
  });
}
