import {
  DEFAULT_MAX_RECORD_BYTES,
  DEFAULT_TIMEOUTS,
  type ErrorRule,
  type SourceHttpOptions,
} from '@mb-airbyte/http-source-kit';
import type { MetabaseCredential } from './choose-credential.js';
import type { MetabaseConfig } from './config.js';
import { normalizeInstanceUrl } from './normalize-instance-url.js';
import { caCertificate } from './source-config.js';

/**
 * What a 401 means once the authenticator has done what it can (a session is renewed before this is reached). It
 * ends the run: no stream can succeed with a credential Metabase refuses.
 */
function unauthenticatedRule(credential: MetabaseCredential): ErrorRule {
  const [what, advice] =
    credential.kind === 'api_key'
      ? [
          'the API key',
          'The key may have been deleted or regenerated; create a new one in Admin settings > Authentication > API keys.',
        ]
      : ['the session, also after logging in anew', 'Run the sync again, or use an API key.'];
  return {
    action: 'fail',
    failureType: 'config_error',
    endsRun: true,
    message: ({ method, url }) =>
      `Metabase refused ${what}: it answered 401 Unauthenticated to ${method} ${url}. ${advice}`,
  };
}

/** The kit HTTP options for a config: the normalised base URL, the extra CA, the record limit and Metabase's 401 wording. */
export function metabaseHttpOptions(config: MetabaseConfig, credential: MetabaseCredential): SourceHttpOptions {
  const ca = caCertificate(config);
  const recordBytes =
    config.max_record_size_mb === undefined ? DEFAULT_MAX_RECORD_BYTES : config.max_record_size_mb * 1024 * 1024;
  return {
    baseUrl: normalizeInstanceUrl(config.instance_api_url),
    ...(ca === undefined ? {} : { caCertPem: ca }),
    errorTable: { 401: unauthenticatedRule(credential) },
    bodyLimits: {
      maxRecordBytes: recordBytes,
      raiseAdvice: `If Metabase really holds records this large, raise max_record_size_mb in the source config (now ${recordBytes / 1024 / 1024}).`,
    },
    ...timeoutOptions(config),
    maxConcurrency: config.max_concurrent_requests,
  };
}

/** The waits for an answer (first byte) and between pieces of one, from the config or the kit's defaults. */
function timeoutOptions(
  config: MetabaseConfig,
): Pick<SourceHttpOptions, 'firstByteTimeoutMs' | 'idleTimeoutMs' | 'noAnswerAdvice'> {
  const firstByteSeconds = config.first_byte_timeout_seconds ?? DEFAULT_TIMEOUTS.firstByteTimeoutMs / 1000;
  return {
    firstByteTimeoutMs: firstByteSeconds * 1000,
    ...(config.idle_timeout_seconds === undefined ? {} : { idleTimeoutMs: config.idle_timeout_seconds * 1000 }),
    noAnswerAdvice: `If this Metabase needs longer to start answering, raise first_byte_timeout_seconds in the source config (now ${firstByteSeconds}).`,
  };
}
