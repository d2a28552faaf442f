import { HttpError } from '../errors/index.js';

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
export const maxRedirects = 5;

/** Header names that can carry credentials; they never travel to another origin. */
const sensitiveHeader = /authorization|cookie|token|key|secret|session|auth|password/i;

export function isRedirect(status: number): boolean {
  return redirectStatuses.has(status);
}

/** Request headers safe to send to a different origin than the base URL's. */
export function withoutCredentials(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !sensitiveHeader.test(name)));
}

export interface RedirectStep {
  url: URL;
  method: string;
  dropBody: boolean;
}

/**
 * The next hop of a redirect, or an HttpError when it must not be followed. `hasBody`: the request carries a body,
 * which a 307/308 (or a 301/302 of anything but POST) sends again to the new location.
 */
export function nextRedirect(
  from: URL,
  method: string,
  status: number,
  location: string | undefined,
  hop: number,
  hasBody = false,
): RedirectStep {
  const fail = (message: string, failureType: 'config_error' | 'system_error'): HttpError =>
    new HttpError({ message, failureType, method, url: from.toString(), status, retryable: false });
  if (location === undefined)
    throw fail(`${method} ${from.origin} answered HTTP ${status} without a Location header.`, 'system_error');
  if (hop >= maxRedirects)
    throw fail(`Stopped after ${maxRedirects} redirects starting at ${method} ${from.origin}.`, 'system_error');
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    throw fail(`${method} ${from.origin} redirected to an invalid location.`, 'system_error');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw fail(`Refused a redirect to a ${url.protocol} URL.`, 'config_error');
  if (from.protocol === 'https:' && url.protocol === 'http:') {
    throw fail(
      `Refused a redirect from https to http (${from.origin} -> ${url.origin}): credentials would travel unencrypted. ` +
        'Use the https URL the server expects in the configuration.',
      'config_error',
    );
  }
  const toGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
  // Headers are stripped on a hop to another origin (see withoutCredentials), but a body cannot be: a login's body is
  // the username and password. Only the target's origin is named: its path or query could carry anything.
  if (hasBody && !toGet && url.origin !== from.origin) {
    throw fail(
      `Refused a ${status} redirect of ${method} ${from.origin} to another origin (${url.origin}): it would send the request ` +
        'body there again, and the connector never forwards credentials to another origin. If that server is the right ' +
        'one, configure its address instead.',
      'config_error',
    );
  }
  return { url, method: toGet ? 'GET' : method, dropBody: toGet };
}
