import { ConnectorError } from '../errors/index.js';
import type { ErrorRule } from '../http/error-table.js';
import type { AuthHttp, Authenticator } from './authenticator.js';
import { loginForToken, type SessionAuthMessages, type SessionLoginOptions } from './session-login.js';

export interface SessionAuthOptions {
  /** The header carrying the token, e.g. 'X-Metabase-Session'. */
  header: string;
  /** A token given in the configuration; checked once with `validate` before first use. */
  token?: string;
  login?: SessionLoginOptions;
  validate?: { path: string };
  /** Ends sessions this run opened (never a given token). */
  logout?: { path: string; method?: 'DELETE' | 'POST' };
  messages?: SessionAuthMessages;
  /** For logs, e.g. "session login as alice@example.com". */
  description?: string;
}

const passThrough: ErrorRule = { action: 'ignore', failureType: 'config_error' };
const onceOnly: ErrorRule = { action: 'fail', failureType: 'transient_error' };

/**
 * A session token: given and validated once, or obtained by one login. One 401 mid-run leads to one shared
 * re-login (all in-flight requests wait for it); a second expiry, or a failed login, is final. Never loops.
 */
export function sessionAuth(options: SessionAuthOptions): Authenticator {
  let token = options.token;
  let openedByUs = false;
  let validation: Promise<void> | undefined;
  let loginInFlight: Promise<string> | undefined;
  let loginFailure: Error | undefined;
  let initialLoginDone = false;
  let reloginDone = false;
  const seen = new Set<string>(token ? [token] : []);
  const messages = options.messages ?? {};

  const expiredError = (): ConnectorError =>
    new ConnectorError({
      message:
        messages.expired ??
        `The session token was rejected (HTTP 401): it is invalid or expired. Provide a fresh token, or credentials to log in with.`,
      failureType: 'config_error',
    });

  const login = (client: AuthHttp): Promise<string> => {
    if (loginInFlight) return loginInFlight;
    if (loginFailure) return Promise.reject(loginFailure);
    const loginOptions = options.login;
    if (!loginOptions) return Promise.reject(expiredError());
    loginInFlight = loginForToken(client, loginOptions, messages).then(
      (fresh) => {
        token = fresh;
        validation = Promise.resolve(); // a token we just obtained needs no check
        openedByUs = true;
        seen.add(fresh);
        loginInFlight = undefined;
        return fresh;
      },
      (error: unknown) => {
        loginFailure = finalLoginError(error); // sticky: a failed login is never repeated this run
        loginInFlight = undefined;
        throw loginFailure;
      },
    );
    return loginInFlight;
  };

  const validate = async (client: AuthHttp, given: string): Promise<void> => {
    const path = options.validate?.path;
    if (!path) return;
    const answer = await client.text({ path, headers: { [options.header]: given }, errorTable: { 401: passThrough } });
    if (answer.status !== 401) return;
    initialLoginDone = true;
    await login(client);
  };

  // A function, not the variable: the flight may start or end while we await.
  const pendingLogin = (): Promise<string> | undefined => loginInFlight;

  const currentToken = async (client: AuthHttp): Promise<string> => {
    if (loginInFlight) return loginInFlight;
    if (token === undefined) {
      if (initialLoginDone) return login(client); // rethrows a sticky failure or joins the flight
      initialLoginDone = true;
      return login(client);
    }
    validation ??= validate(client, token);
    await validation;
    return pendingLogin() ?? token;
  };

  return {
    async headers(client) {
      return { [options.header]: await currentToken(client) };
    },
    async onUnauthorized(client, usedHeaders) {
      if (loginInFlight) {
        await loginInFlight;
        return true;
      }
      if (loginFailure) throw loginFailure;
      const used = usedHeaders[options.header];
      if (used !== undefined && used !== token) return true; // someone already refreshed; use the new token
      if (!options.login) throw expiredError();
      if (reloginDone) return false;
      reloginDone = true;
      await login(client);
      return true;
    },
    async close(client) {
      if (!openedByUs || !options.logout || token === undefined) return;
      try {
        await client.text({
          method: options.logout.method ?? 'DELETE',
          path: options.logout.path,
          headers: { [options.header]: token },
          errorTable: { '4xx': passThrough, '5xx': onceOnly, network: onceOnly },
        });
      } catch {
        // Logging out is a courtesy; the session expires on its own.
      }
    },
    secrets: () => [...seen],
    describe: () => options.description ?? (options.login ? `session login (${options.header})` : `session token (${options.header})`),
  };
}

/**
 * A login failure as a ConnectorError the client will not retry: even a transient one (the server was down
 * for the whole retry budget of the login request) must not lead to another login attempt this run.
 */
function finalLoginError(error: unknown): Error {
  if (ConnectorError.isInstance(error) && error.retryable === false) return error;
  const known = ConnectorError.isInstance(error);
  return new ConnectorError({
    message: known ? error.userMessage : 'Login failed unexpectedly.',
    internalMessage: known ? `login failed: ${error.internalMessage ?? ''}` : error instanceof Error ? error.message : undefined,
    failureType: known ? error.failureType : 'system_error',
    retryable: false,
  });
}
