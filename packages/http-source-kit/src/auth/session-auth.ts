import type { ConnectorError } from '../errors/index.js';
import type { ErrorRule } from '../http/error-table.js';
import type { AuthHttp, Authenticator } from '../http/http-types.js';
import { DEFAULT_MAX_LOGINS_PER_MINUTE, LoginCeiling } from './login-ceiling.js';
import { SessionLedger } from './session-ledger.js';
import { loginForToken, type SessionAuthMessages, type SessionLoginOptions } from './session-login.js';
import { sessionFailures } from './session-failures.js';

export interface SessionAuthOptions {
  /** The header carrying the token, e.g. 'X-Metabase-Session'. */
  header: string;
  /** A token given in the configuration; checked once with `validate` before first use. */
  token?: string;
  login?: SessionLoginOptions;
  validate?: { path: string };
  /** Ends the session this run has open at the end (never a given token). */
  logout?: { path: string; method?: 'DELETE' | 'POST' };
  messages?: SessionAuthMessages;
  /** For logs, e.g. "session login as alice@example.com". */
  description?: string;
  /** The most logins in any 60 s (default 30); reaching it ends the run with a config_error. */
  maxLoginsPerMinute?: number;
  /** The login ceiling's clock (tests). */
  now?: () => number;
}

const passThrough: ErrorRule = { action: 'ignore', failureType: 'config_error' };
const onceOnly: ErrorRule = { action: 'fail', failureType: 'transient_error' };

/**
 * A session token: given and validated once, or obtained by logging in. Whenever the session ends (a 401) after it
 * served at least one request, one login (single flight: every request that met the 401 waits for it) opens a new
 * one and those requests are sent again with it. A session refused before it served anything, a failed login or the
 * login ceiling end the run (`endsRun`): none of them gets better by logging in again.
 */
export function sessionAuth(options: SessionAuthOptions): Authenticator {
  const ledger = new SessionLedger();
  const ceiling = new LoginCeiling(
    options.maxLoginsPerMinute ?? DEFAULT_MAX_LOGINS_PER_MINUTE,
    options.now ?? Date.now,
  );
  const failures = sessionFailures(options.messages ?? {});
  const seen = new Set<string>(options.token === undefined ? [] : [options.token]);
  let current: { token: string; fromLogin: boolean } | undefined =
    options.token === undefined ? undefined : { token: options.token, fromLogin: false };
  let validated = options.token === undefined || options.validate === undefined;
  let validation: Promise<void> | undefined;
  let loginInFlight: Promise<void> | undefined;
  let failure: ConnectorError | undefined;
  let logins = 0;

  /** The first run-ending failure stays: every later request meets the same one. */
  const fail = (error: ConnectorError): ConnectorError => (failure ??= error);

  const login = (client: AuthHttp): Promise<void> => {
    if (failure !== undefined) return Promise.reject(failure);
    if (loginInFlight !== undefined) return loginInFlight;
    const loginOptions = options.login;
    if (loginOptions === undefined) return Promise.reject(fail(failures.expired()));
    if (!ceiling.take()) return Promise.reject(fail(failures.tooManyLogins(ceiling.limit)));
    logins++;
    loginInFlight = loginForToken(client, loginOptions, options.messages ?? {}).then(
      (fresh) => {
        seen.add(fresh);
        current = { token: fresh, fromLogin: true };
        validated = true; // a token we just obtained needs no check
        ledger.forgetIdleExcept(fresh);
        loginInFlight = undefined;
      },
      (error: unknown) => {
        loginInFlight = undefined;
        throw fail(failures.loginFailed(error));
      },
    );
    return loginInFlight;
  };

  const validate = async (client: AuthHttp, given: string): Promise<void> => {
    const path = options.validate?.path;
    if (path === undefined) return;
    const answer = await client.text({ path, headers: { [options.header]: given }, errorTable: { 401: passThrough } });
    if (answer.status === 401) {
      await login(client);
      return;
    }
    ledger.proven(given);
    validated = true;
  };

  return {
    async headers(client) {
      for (;;) {
        if (failure !== undefined) throw failure;
        // After each wait, look again: a login may have replaced the token or failed meanwhile.
        if (loginInFlight !== undefined) await loginInFlight;
        else if (current === undefined) await login(client);
        else if (!validated) await (validation ??= validate(client, current.token));
        else {
          ledger.sent(current.token);
          return { [options.header]: current.token };
        }
      }
    },
    onAnswer(usedHeaders, status) {
      const token = usedHeaders[options.header];
      if (token !== undefined) ledger.answered(token, status !== undefined && status >= 200 && status < 300);
    },
    async onUnauthorized(client, usedHeaders) {
      const token = usedHeaders[options.header];
      for (;;) {
        if (failure !== undefined) throw failure;
        if (loginInFlight !== undefined) {
          await loginInFlight;
          return true;
        }
        if (token === undefined || current?.token !== token) return true; // already replaced: send it with the new one
        if (!ledger.hasServed(token) && ledger.pending(token) > 0) {
          // A success may be on its way (answers overtake each other): decide once every request with it has answered.
          await ledger.nextAnswer(token);
          continue;
        }
        if (!ledger.hasServed(token) && current.fromLogin) throw fail(failures.freshSessionRefused());
        await login(client);
        return true;
      }
    },
    async close(client) {
      const open = current;
      if (open === undefined || !open.fromLogin || options.logout === undefined) return;
      try {
        await client.text({
          method: options.logout.method ?? 'DELETE',
          path: options.logout.path,
          headers: { [options.header]: open.token },
          errorTable: { '4xx': passThrough, '5xx': onceOnly, network: onceOnly },
        });
      } catch {
        // Logging out is a courtesy; the session expires on its own.
      }
    },
    logins: () => logins,
    secrets: () => [...seen],
    describe: () =>
      options.description ??
      (options.login ? `session login (${options.header})` : `session token (${options.header})`),
  };
}
