/** The authenticators that obtain tokens at run time (OAuth, session login) and SelectiveAuthenticator's choice. */
import type { Authenticator } from '@mb-airbyte/http-source-kit';
import { OAuthAuth } from '../auth/oauth-auth.js';
import { SessionTokenAuth } from '../auth/session-token-auth.js';
import { parseIsoDuration } from '../interpolation/iso-duration.js';
import { parseDateTime } from '../interpolation/python-datetime.js';
import { parseDateTimeWithFormat } from '../interpolation/python-strptime.js';
import { formatManifestPath, manifestError } from '../manifest/manifest-error.js';
import { asText, evaluate, type BuildContext } from './build-context.js';
import { buildRequestOption } from './build-request-option.js';
import type { RequesterBuilder } from './built-requester.js';
import { childComponent, isComponent, typeOf, type Component } from './component.js';

export function buildOAuth(context: BuildContext, component: Component): Authenticator {
  const text = (field: string, fallback = ''): string =>
    asText(evaluate(context, component, component[field] ?? fallback));
  const grantType = text('grant_type', 'refresh_token');
  const form: Record<string, string> = {
    [text('grant_type_name', 'grant_type')]: grantType,
    [text('client_id_name', 'client_id')]: text('client_id'),
    [text('client_secret_name', 'client_secret')]: text('client_secret'),
  };
  if (grantType === 'refresh_token') form[text('refresh_token_name', 'refresh_token')] = text('refresh_token');
  if (Array.isArray(component.scopes) && component.scopes.length > 0)
    form.scopes = component.scopes.map(String).join(' ');
  const extra = evaluate(context, component, component.refresh_request_body ?? {});
  if (isComponent(extra))
    for (const [key, value] of Object.entries(extra)) form[key] = asText(evaluate(context, component, value));
  const headersValue = component.refresh_request_headers;
  const headers: Record<string, string> = {};
  if (isComponent(headersValue))
    for (const [key, value] of Object.entries(headersValue)) headers[key] = asText(evaluate(context, component, value));
  const accessToken = text('access_token_value');
  const expiryFormat = component.token_expiry_date_format === undefined ? undefined : text('token_expiry_date_format');
  const expiry = text('token_expiry_date');
  const expiresAt =
    expiry === ''
      ? undefined
      : expiryFormat === undefined
        ? parseDateTime(expiry)
        : parseDateTimeWithFormat(expiry, expiryFormat);
  return new OAuthAuth({
    endpoint: text('token_refresh_endpoint'),
    form,
    headers,
    accessTokenName: text('access_token_name', 'access_token'),
    expiresInName: text('expires_in_name', 'expires_in'),
    expiryDateFormat: expiryFormat,
    ...(accessToken === ''
      ? {}
      : { initialToken: { token: accessToken, expiresAt: expiresAt === undefined ? 0 : expiresAt.us / 1000 } }),
    secrets: [
      form.client_secret ?? '',
      form.refresh_token ?? '',
      accessToken,
      ...Object.values(extra as Record<string, unknown>).map(String),
    ],
    now: context.now,
  });
}

export function buildSessionToken(
  context: BuildContext,
  component: Component,
  buildRequester: RequesterBuilder,
): Authenticator {
  const loginComponent = childComponent(component, 'login_requester');
  if (loginComponent === undefined) throw manifestError('SessionTokenAuthenticator: login_requester is missing.');
  const login = buildRequester(context, loginComponent);
  const path = Array.isArray(component.session_token_path)
    ? component.session_token_path.map((s) => asText(evaluate(context, component, s)))
    : [];
  const duration =
    component.expiration_duration === undefined
      ? undefined
      : parseIsoDuration(asText(evaluate(context, component, component.expiration_duration)));
  const how = childComponent(component, 'request_authentication') ?? {};
  let header = 'Authorization';
  let format = (token: string): string => `Bearer ${token}`;
  // The schema names these two `ApiKey` and `Bearer` (SessionTokenRequestApiKeyAuthenticator / …BearerAuthenticator).
  if (typeOf(how) === 'ApiKey' || typeOf(how) === 'SessionTokenRequestApiKeyAuthenticator') {
    const option = buildRequestOption(context, childComponent(how, 'inject_into') ?? {});
    if (option.injectInto !== 'header')
      throw manifestError('SessionTokenAuthenticator: this runtime sends the session token in a header only.');
    header = option.field;
    format = (token) => token;
  }
  return new SessionTokenAuth({
    login: () => ({
      method: login.method,
      authenticator: login.authenticator,
      ...login.resolve({ partition: undefined, page: undefined }),
    }),
    tokenPath: path,
    lifetimeMs: duration === undefined ? undefined : duration.us / 1000 + duration.months * 30 * 86_400_000,
    header,
    format,
    now: context.now,
  });
}

/** SelectiveAuthenticator: the authenticator named by the config value at authenticator_selection_path. */
export function selected(context: BuildContext, component: Component): Component {
  const path = Array.isArray(component.authenticator_selection_path)
    ? component.authenticator_selection_path.map(String)
    : [];
  let value: unknown = context.config;
  for (const key of path) value = isComponent(value) ? value[key] : undefined;
  const choices = childComponent(component, 'authenticators') ?? {};
  const choice = typeof value === 'string' ? childComponent(choices, value) : undefined;
  if (choice === undefined) {
    throw manifestError(
      `The config value at ${formatManifestPath(path)} (${value === undefined ? 'missing' : asText(value)}) names none of the authenticators ${Object.keys(choices).join(', ')}.`,
    );
  }
  return choice;
}
