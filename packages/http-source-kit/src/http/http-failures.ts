import { bodySnippet, HttpError } from '../errors/index.js';
import { ruleMessage, type ErrorRule } from './error-table.js';
import type { HttpResponse } from './http-types.js';
import { UNREACHABLE_CODES } from './network-error.js';
import { readBodyText } from './read-body.js';
import { parseRetryAfter } from './retry-after.js';

/** The HttpError for a status the table does not accept, with a body snippet and the server's Retry-After. */
export async function statusError(
  response: HttpResponse,
  rule: ErrorRule,
  method: string,
  url: string,
  bodyText?: string,
): Promise<HttpError> {
  let body: string | undefined = bodyText;
  try {
    body ??= await readBodyText(response.body, 16 * 1024);
  } catch {
    body = undefined; // the status is what matters; a broken error body adds nothing
  }
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  const snippet = body ? bodySnippet(body) : undefined;
  const context = { status: response.status, method, url, ...(snippet ? { body: snippet } : {}) };
  return new HttpError({
    message: ruleMessage(rule, context),
    failureType: rule.failureType,
    method,
    url,
    status: response.status,
    retryable: rule.action === 'retry',
    ...(rule.endsRun === true ? { endsRun: true } : {}),
    ...(snippet ? { body: snippet } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/**
 * The same error, saying how many attempts were made. A server that could not be reached with any of them ends the
 * run (`endsRun`): one ERROR trace, instead of every stream spending the same retry budget on it in turn.
 */
export function withAttempts(error: unknown, attempts: number): unknown {
  if (!HttpError.isInstance(error)) return error;
  if (error.code !== undefined && UNREACHABLE_CODES.has(error.code)) {
    return copyHttpError(error, {
      message: `${error.userMessage} (gave up after ${attempts} attempts). The read stops here: the server could not be reached, so every other request would fail the same way.`,
      endsRun: true,
    });
  }
  return copyHttpError(error, { message: `${error.userMessage} (gave up after ${attempts} attempts)` });
}

function copyHttpError(error: HttpError, change: { message: string; endsRun?: boolean }): HttpError {
  return new HttpError({
    message: change.message,
    failureType: error.failureType,
    method: error.method,
    url: error.url,
    retryable: error.retryable,
    ...(error.internalMessage !== undefined ? { internalMessage: error.internalMessage } : {}),
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.bodySnippet !== undefined ? { body: error.bodySnippet } : {}),
    ...(error.code !== undefined ? { code: error.code } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.endsRun === true || change.endsRun === true ? { endsRun: true } : {}),
  });
}
