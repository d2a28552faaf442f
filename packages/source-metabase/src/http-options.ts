import type { ErrorRule, SourceHttpOptions } from '@mb-airbyte/http-source-kit';
import type { MetabaseCredential } from './choose-credential.js';
import type { MetabaseConfig } from './config.js';
import { normalizeInstanceUrl } from './normalize-instance-url.js';
import { caCertificate } from './source-config.js';

/** What a 401 means once the authenticator has done what it can (re-login at most once). */
function unauthenticatedRule(credential: MetabaseCredential): ErrorRule {
  const advice =
    credential.kind === 'api_key'
      ? 'Metabase did not accept the API key: it may have been deleted or regenerated. Create a new one in Admin settings > Authentication > API keys.'
      : 'The Metabase session ended again after the connector had logged in anew (an administrator may have ended it, or the session lifetime is very short). Run the sync again, or use an API key.';
  return {
    action: 'fail',
    failureType: 'config_error',
    message: ({ method, url }) => `Metabase answered 401 Unauthenticated to ${method} ${url}. ${advice}`,
  };
}

/** The kit HTTP options for a config: the normalised base URL, the extra CA and Metabase's 401 wording. */
export function metabaseHttpOptions(config: MetabaseConfig, credential: MetabaseCredential): SourceHttpOptions {
  const ca = caCertificate(config);
  return {
    baseUrl: normalizeInstanceUrl(config.instance_api_url),
    ...(ca === undefined ? {} : { caCertPem: ca }),
    errorTable: { 401: unauthenticatedRule(credential) },
  };
}
