export type QueryParams = Record<string, string | number | boolean | undefined>;

/**
 * Joins a base URL and a relative path so that 'https://h/api' and 'https://h/api/' give the same result,
 * and a leading slash on the path does not escape the base path. An absolute http(s) path is used as is.
 */
export function buildUrl(baseUrl: string, path: string, params?: QueryParams): URL {
  const url = /^https?:\/\//i.test(path)
    ? new URL(path)
    : new URL(path.replace(/^\/+/, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value !== undefined) url.searchParams.append(key, String(value));
  }
  return url;
}
