import { bodySnippet, ConnectorError } from '../errors/index.js';
import type { ErrorRule } from '../http/error-table.js';
import type { AuthHttp } from '../http/http-types.js';

export interface SessionLoginOptions {
  /** Login endpoint, relative to the base URL, e.g. 'session'. */
  path: string;
  method?: 'POST' | 'PUT';
  /** The JSON body with credentials; built when needed, never logged. */
  body: () => Record<string, unknown>;
  /** Where the token is in the response, e.g. 'id' or ['data', 'token']. */
  tokenPath: string | readonly string[];
  /** Recognises a "too many attempts" answer; such answers are reported, never retried. */
  isThrottled?: (status: number, body: string) => boolean;
}

export interface SessionAuthMessages {
  /** A given token was rejected (at once or after serving requests) and there are no credentials to log in with. */
  expired?: string;
  loginFailed?: (status: number, body: string) => string;
  /** Should include the server's wait time (it is in `body`). */
  throttled?: (body: string, status: number) => string;
  /** A session just opened by a login was refused before it served any request. */
  freshSessionRefused?: string;
  /** Sessions ended so often that the login ceiling (`limit` logins in a minute) was reached. */
  tooManyLogins?: (limit: number) => string;
}

const answerToCaller: ErrorRule = { action: 'ignore', failureType: 'config_error' };

/** Exchanges credentials for a token once; login answers 400/401/403 become config_errors with the source's words. */
export async function loginForToken(
  client: AuthHttp,
  login: SessionLoginOptions,
  messages: SessionAuthMessages,
): Promise<string> {
  const response = await client.text({
    method: login.method ?? 'POST',
    path: login.path,
    body: login.body(),
    errorTable: { 400: answerToCaller, 401: answerToCaller, 403: answerToCaller },
  });
  const { status, body } = response;
  if (status >= 200 && status < 300) return tokenFrom(body, login);
  if (login.isThrottled?.(status, body)) {
    throw new ConnectorError({
      message:
        messages.throttled?.(body, status) ??
        `The server refused the login because of too many attempts (HTTP ${status}): ${bodySnippet(body)}. ` +
          'Wait before running again; the connector does not retry logins.',
      internalMessage: `login throttled, HTTP ${status}`,
      failureType: 'config_error',
    });
  }
  throw new ConnectorError({
    message:
      messages.loginFailed?.(status, body) ??
      `Login at ${login.path} failed (HTTP ${status}): ${bodySnippet(body)}. Check the username and password in the configuration.`,
    internalMessage: `login failed, HTTP ${status}`,
    failureType: 'config_error',
  });
}

function tokenFrom(body: string, login: SessionLoginOptions): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    value = undefined;
  }
  const path = typeof login.tokenPath === 'string' ? [login.tokenPath] : login.tokenPath;
  for (const key of path) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value === 'string' && value !== '') return value;
  // The body is not quoted: it may hold a token under another name.
  throw new ConnectorError({
    message: `The login response from ${login.path} had no token at "${path.join('.')}".`,
    failureType: 'system_error',
  });
}
