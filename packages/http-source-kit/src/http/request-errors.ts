/**
 * Per-request error handling beyond the status table, for sources whose error rules depend on the body (a declarative
 * manifest's response filters) or whose retries wait their own way (its backoff strategies).
 */
import { Readable } from 'node:stream';
import { HttpError } from '../errors/index.js';
import type { ErrorRule } from './error-table.js';
import type { HttpRequest, HttpResponse } from './http-types.js';
import { readBodyText } from './read-body.js';
import { isRetryable, type RetryPolicy } from './retry-policy.js';

const ERROR_BODY_BYTES = 16 * 1024;

/** The rule for a non-2xx response: the request's own choice from the body, else the table's. */
export async function ruleForResponse(
  request: HttpRequest,
  response: HttpResponse,
  tableRule: ErrorRule,
): Promise<{ rule: ErrorRule; response: HttpResponse; bodyText?: string }> {
  if (request.classify === undefined) return { rule: tableRule, response };
  let body: string;
  try {
    body = await readBodyText(response.body, ERROR_BODY_BYTES);
  } catch {
    body = '';
  }
  const rule = request.classify({ status: response.status, headers: response.headers, body }) ?? tableRule;
  // The body was read: an ignored response goes on with an empty one.
  return { rule, response: { ...response, body: Readable.from([]) }, bodyText: body };
}

/** The wait before attempt `attempt + 1`, or undefined to give up: the request's own rules first, then the policy. */
export function nextDelayMs(
  request: HttpRequest,
  policy: RetryPolicy,
  failure: unknown,
  attempt: number,
  elapsedMs: number,
  headers: Record<string, string>,
): number | undefined {
  const own = request.retry;
  if (own === undefined) return policy.nextDelayMs(failure, attempt, elapsedMs);
  if (!isRetryable(failure)) return undefined;
  if (own.maxAttempts !== undefined && attempt >= own.maxAttempts) return undefined;
  const status = HttpError.isInstance(failure) ? failure.status : undefined;
  const custom = own.delayMs?.({ attempt, ...(status === undefined ? {} : { status }), headers });
  if (custom !== undefined) return custom;
  return policy.nextDelayMs(failure, own.maxAttempts === undefined ? attempt : 1, elapsedMs);
}
