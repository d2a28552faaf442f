import { HttpError, redactUrl } from '../errors/index.js';
import { bodyTooLargeError, type BodyLimits } from './body-limits.js';
import type { HttpResponse } from './http-types.js';
import { readBodyText } from './read-body.js';

/**
 * Reads and parses a JSON body. Invalid JSON is a retryable HttpError (a cut connection, a proxy hiccup);
 * the body itself stays out of the error, since a 2xx body may hold a token. An empty body, 204, or a
 * non-2xx status the table ignored gives undefined. A body over the record limit fails (config_error) unread.
 */
export async function parseJsonBody<T>(
  response: HttpResponse,
  method: string,
  limits: Required<BodyLimits>,
): Promise<T> {
  const text = await readWholeBody(response, method, limits);
  if (response.status < 200 || response.status >= 300 || text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    const contentType = response.headers['content-type'] ?? 'no content type';
    throw new HttpError({
      message: `The response to ${method} ${redactUrl(response.url)} was not valid JSON (${contentType}, ${text.length} characters).`,
      failureType: 'system_error',
      method,
      url: response.url,
      status: response.status,
      retryable: true,
      code: 'ERR_INVALID_JSON',
    });
  }
}

/** Read level 5, the body: the whole body as text, within the record limit (see BodyLimits). */
export function readWholeBody(response: HttpResponse, method: string, limits: Required<BodyLimits>): Promise<string> {
  return readBodyText(response.body, limits.maxRecordBytes, () => bodyTooLargeError(limits, method, response.url));
}
