/** Builds a requester's authenticator; identical definitions share one instance, so a run logs in once. */
import type { Authenticator } from '@mb-airbyte/http-source-kit';
import { LegacySessionTokenAuth } from '../auth/legacy-session-token-auth.js';
import { basicAuthValue, headerAuth } from '../auth/simple-auth.js';
import { asText, evaluate, type BuildContext } from './build-context.js';
import { childComponent, typeOf, type Component } from './component.js';
import { injectInto, type RequestParts } from './request-parts.js';
import { buildRequestOption } from './build-request-option.js';
import { buildOAuth, buildSessionToken, selected } from './build-token-auth.js';
import type { RequesterBuilder } from './built-requester.js';

export interface BuiltAuth {
  authenticator: Authenticator | undefined;
  /** What it adds to requests besides headers (an API key in a query parameter or the body). */
  parts: RequestParts | undefined;
}

/** `buildLoginRequester` builds the requester a session login sends (the caller's buildRequester). */
export function buildAuthenticator(
  context: BuildContext,
  component: Component | undefined,
  apiUrl: string,
  buildLoginRequester: RequesterBuilder,
): BuiltAuth {
  if (component === undefined || typeOf(component) === 'NoAuth') return { authenticator: undefined, parts: undefined };
  const key = `${apiUrl}\n${JSON.stringify(component)}`;
  const text = (field: string): string => asText(evaluate(context, component, component[field] ?? ''));
  if (typeOf(component) === 'ApiKeyAuthenticator') return apiKey(context, component, text);
  if (typeOf(component) === 'SelectiveAuthenticator')
    return buildAuthenticator(context, selected(context, component), apiUrl, buildLoginRequester);
  let authenticator = context.authenticators.get(key);
  if (authenticator === undefined) {
    authenticator = create(context, component, apiUrl, text, buildLoginRequester);
    context.authenticators.set(key, authenticator);
  }
  return { authenticator, parts: undefined };
}

function create(
  context: BuildContext,
  component: Component,
  apiUrl: string,
  text: (field: string) => string,
  buildLoginRequester: RequesterBuilder,
): Authenticator {
  switch (typeOf(component)) {
    case 'OAuthAuthenticator':
      return buildOAuth(context, component);
    case 'SessionTokenAuthenticator':
      return buildSessionToken(context, component, buildLoginRequester);
    case 'BearerAuthenticator': {
      const token = text('api_token');
      return headerAuth({ Authorization: `Bearer ${token}` }, [token], 'bearer token');
    }
    case 'BasicHttpAuthenticator': {
      const [username, password] = [text('username'), text('password')];
      const value = basicAuthValue(username, password);
      return headerAuth({ Authorization: value }, [password, value.slice(6)], `basic auth as ${username}`);
    }
    case 'LegacySessionTokenAuthenticator':
      return new LegacySessionTokenAuth({
        apiUrl,
        header: text('header'),
        sessionToken: text('session_token'),
        username: text('username'),
        password: text('password'),
        responseKey: text('session_token_response_key'),
        loginUrl: text('login_url'),
        validateUrl: text('validate_session_url'),
      });
    default:
      throw new TypeError(`no builder for authenticator ${String(component.type)}`);
  }
}

/** An API key in a header (the default `header`, or `inject_into`), a query parameter or the body. */
function apiKey(context: BuildContext, component: Component, text: (field: string) => string): BuiltAuth {
  const token = text('api_token');
  const option = childComponent(component, 'inject_into');
  const secrets = headerAuth({}, [token], 'API key');
  if (option === undefined)
    return { authenticator: headerAuth({ [text('header')]: token }, [token], 'API key'), parts: undefined };
  const { injectInto: where, field } = buildRequestOption(context, option);
  if (where === 'header')
    return { authenticator: headerAuth({ [field]: token }, [token], 'API key'), parts: undefined };
  return { authenticator: secrets, parts: injectInto(where, field, token) };
}
