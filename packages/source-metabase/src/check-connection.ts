import {
  ConnectorError,
  type CheckContext,
  type ErrorRule,
  type HttpTextResponse,
  type JsonRecord,
} from '@mb-airbyte/http-source-kit';
import type { MetabaseAuth } from './auth/metabase-auth.js';
import { explainCheckError } from './check-error.js';
import { currentUserIdentity } from './current-user.js';
import type { MetabaseConfig } from './config.js';
import { normalizeInstanceUrl } from './normalize-instance-url.js';

interface CurrentUser {
  email?: unknown;
  common_name?: unknown;
  first_name?: unknown;
  is_superuser?: unknown;
}

const notMetabase: ErrorRule = {
  action: 'fail',
  failureType: 'config_error',
  message: ({ url }) =>
    `${url} answered 404: instance_api_url does not point to a Metabase API. Give the address you open Metabase at, for example https://metabase.example.com (the /api suffix is optional).`,
};

/**
 * `check`: one GET /api/user/current, which every credential may call and which costs Metabase almost nothing
 * (the official connector read every collection instead). Says who we are, how we logged in, and whether the admin
 * streams will work.
 */
export async function checkConnection(context: CheckContext<MetabaseConfig>, auth: MetabaseAuth): Promise<string> {
  const baseUrl = normalizeInstanceUrl(context.config.instance_api_url);
  let response: HttpTextResponse;
  try {
    // As text: a page that is not JSON is an answer about the URL, not a hiccup worth retrying.
    response = await context.http.text({
      path: 'user/current',
      errorTable: { 404: notMetabase },
      signal: context.signal,
    });
  } catch (error) {
    throw explainCheckError(error, baseUrl);
  }
  const user = currentUser(response, baseUrl);
  const admin =
    user.is_superuser === true
      ? ''
      : ' This user is not an administrator, so the users and permission_groups streams will fail, or, for a group manager (Enterprise), hold only the groups it manages.';
  return `Connected to ${baseUrl} as ${currentUserIdentity(user as JsonRecord)} using ${credentialUsed(auth)}.${admin}`;
}

/** The body of GET /api/user/current: a JSON object, or the URL is not Metabase's API (a web page, a proxy's answer). */
function currentUser(response: HttpTextResponse, baseUrl: string): CurrentUser {
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    value = undefined;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  const contentType = response.headers['content-type'] ?? 'no content type';
  const body = response.body.trimStart();
  const answer =
    body === ''
      ? 'an empty body'
      : /html/i.test(contentType) || body.startsWith('<')
        ? `an HTML page (${contentType})`
        : value === undefined
          ? `text that is not JSON (${contentType})`
          : 'JSON that is not a Metabase user';
  throw new ConnectorError({
    failureType: 'config_error',
    message:
      `GET ${baseUrl}user/current answered ${answer}: instance_api_url does not look like a Metabase API. Give the address ` +
      "of Metabase's API, https://<host>/api/ (for example https://metabase.example.com/api/), not a web page or a proxy's sign-in page.",
  });
}

function credentialUsed(auth: MetabaseAuth): string {
  const { credential } = auth;
  switch (credential.kind) {
    case 'api_key':
      return 'an API key';
    case 'session_token':
      return auth.logins() === 0
        ? 'the session token'
        : `a new session: the session token had expired, so the connector logged in with username and password`;
    case 'username_password':
      return 'username and password (one login, logged out at the end)';
  }
}
