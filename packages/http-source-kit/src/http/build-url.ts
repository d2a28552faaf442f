import { quoteInput } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError, redactUrl } from '../errors/index.js';

export type QueryParams = Record<string, string | number | boolean | undefined>;

/**
 * Joins a base URL and a relative path so that 'https://h/api' and 'https://h/api/' give the same result,
 * and a leading slash on the path does not escape the base path. An absolute http(s) path is used as is.
 * Parameters are form-encoded (as URLSearchParams writes them) and added to the path before the one parse.
 */
export function buildUrl(baseUrl: string, path: string, params?: QueryParams): URL {
  const query = params === undefined ? '' : formQuery(params);
  const target = query === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${query}`;
  if (/^https?:\/\//i.test(path)) return new URL(target);
  // One parse of the joined text rather than a parse of the path against a parsed base (half the cost, for every
  // request); a path that looks like a scheme ("a:b") stays a path under the base.
  return new URL(`${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${target.replace(/^\/+/, '')}`);
}

/** `key=value&...` as URLSearchParams serialises it (space as `+`; only `*-._` and alphanumerics left as they are). */
function formQuery(params: QueryParams): string {
  let query = '';
  for (const key in params) {
    const value = params[key];
    if (value === undefined) continue;
    query += `${query === '' ? '' : '&'}${formEncode(key)}=${formEncode(String(value))}`;
  }
  return query;
}

function formEncode(text: string): string {
  const encoded = encodeURIComponent(text);
  return /[!'()~]|%20/.test(encoded)
    ? encoded.replace(/%20/g, '+').replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    : encoded;
}

/** The base URL, or a config_error when it is not an http(s) URL (shown without userinfo). */
export function checkedBaseUrl(baseUrl: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(baseUrl);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new ConnectorError({
      message: `The server URL ${quoteInput(redactUrl(baseUrl))} is not a valid http(s) URL.`,
      failureType: 'config_error',
      userInput: true,
    });
  }
  return baseUrl;
}
