import { quoteInput } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError, redactUrl } from '../errors/index.js';

export type QueryParams = Record<string, string | number | boolean | undefined>;

/**
 * Joins a base URL and a relative path so that 'https://h/api' and 'https://h/api/' give the same result,
 * and a leading slash on the path does not escape the base path. An absolute http(s) path is used as is.
 */
export function buildUrl(baseUrl: string, path: string, params?: QueryParams): URL {
  const url = /^https?:\/\//i.test(path)
    ? new URL(path)
    : new URL(path.replace(/^\/+/, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  if (params === undefined) return url;
  // One serialisation for all parameters (each searchParams.append would re-serialise the whole query).
  const query = new URLSearchParams(url.search);
  let added = false;
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    query.append(key, String(value));
    added = true;
  }
  if (added) url.search = query.toString();
  return url;
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
    throw new ConnectorError({ message: `The server URL ${quoteInput(redactUrl(baseUrl))} is not a valid http(s) URL.`, failureType: 'config_error', userInput: true });
  }
  return baseUrl;
}
