import { MetabaseConfigError } from './config-error.js';

/** The official spec's pattern, kept as is so every URL the official connector accepted is accepted here. */
export const httpsUrlPattern = '^https://';

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
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch (cause) {
    throw new MetabaseConfigError('instance_api_url is not a valid URL; expected for example https://metabase.example.com/api/.', {
      cause,
    });
  }
  if (url.username !== '' || url.password !== '') {
    throw new MetabaseConfigError(
      'instance_api_url must not contain a user name or password; put credentials in the api_key, session_token or username/password fields.',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new MetabaseConfigError('instance_api_url must not contain a query string or fragment; expected for example https://metabase.example.com/api/.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  const apiPath = path.endsWith('/api') ? path : `${path}/api`;
  return `${url.origin}${apiPath}/`;
}
