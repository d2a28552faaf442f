import { MetabaseConfigError } from './config-error.js';

/**
 * The official spec's pattern, kept as is so every URL the official connector accepted is accepted here. The config
 * schema tests it after trimming, so spaces before the URL are ignored like those after it.
 */
export const httpsUrlPattern = '^https://';

/** Longer URLs are refused before any request (and before any message could quote them). */
const MAX_URL_LENGTH = 2048;
const MAX_HOST_NAME_LENGTH = 253;

export const httpsRequiredMessage =
  'instance_api_url must start with https://. The connector sends your Metabase credentials (API key, session ' +
  'token or password) with every request, and over plain http anyone on the network path could read them.';

/**
 * Turns any accepted spelling of the Metabase URL into the one base URL every request is built on:
 * `https://host[:port]/path/api/`. Accepted: with or without a trailing slash, with or without the `/api` suffix
 * (`https://mb.example.com`, `https://mb.example.com/api`, `https://mb.example.com/metabase/api/`).
 * Errors never echo the URL, which could carry user info.
 */
export function normalizeInstanceUrl(raw: string): string {
  const trimmed = raw.trim();
  if (!new RegExp(httpsUrlPattern).test(trimmed)) throw new MetabaseConfigError(httpsRequiredMessage);
  if (trimmed.length > MAX_URL_LENGTH) {
    throw new MetabaseConfigError(
      `instance_api_url is ${trimmed.length} characters long; a Metabase URL has at most ${MAX_URL_LENGTH}. Check what was pasted into it.`,
    );
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch (cause) {
    throw new MetabaseConfigError(
      'instance_api_url is not a valid URL; expected for example https://metabase.example.com/api/.',
      {
        cause,
      },
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new MetabaseConfigError(
      'instance_api_url must not contain a user name or password; put credentials in the api_key, session_token or username/password fields.',
    );
  }
  if (url.hostname.length > MAX_HOST_NAME_LENGTH) {
    throw new MetabaseConfigError(
      `instance_api_url has a host name of ${url.hostname.length} characters; host names have at most ${MAX_HOST_NAME_LENGTH} (RFC 1035).`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new MetabaseConfigError(
      'instance_api_url must not contain a query string or fragment; expected for example https://metabase.example.com/api/.',
    );
  }
  const path = url.pathname.replace(/\/+$/, '');
  const apiPath = path.endsWith('/api') ? path : `${path}/api`;
  return `${url.origin}${apiPath}/`;
}
