import { sessionAuth, type Authenticator, type SessionLoginOptions } from '@mb-airbyte/http-source-kit';
import type { MetabaseCredential, UsernamePassword } from '../choose-credential.js';
import { metabaseApiKeyAuth } from './api-key-version.js';
import { isThrottledLogin, sessionMessages } from './session-messages.js';

export const sessionHeader = 'X-Metabase-Session';
export const apiKeyHeader = 'X-API-Key';

/** One run's authentication: the kit authenticator plus what `check` reports about it. */
export interface MetabaseAuth {
  readonly credential: MetabaseCredential;
  readonly authenticator: Authenticator;
  /** Logins attempted so far this run (0 with an API key or a still-valid token). */
  logins(): number;
}

/**
 * The authenticator for a chosen credential. Sessions use the kit's `sessionAuth`: one login per run, a given
 * token validated once with GET /api/user/current, at most one re-login when a session expires mid-run, and a
 * logout (DELETE /api/session) only for sessions this run opened.
 */
export function createMetabaseAuth(credential: MetabaseCredential): MetabaseAuth {
  let logins = 0;
  const login = (account: UsernamePassword): SessionLoginOptions => ({
    path: 'session',
    body: () => {
      logins++; // called once per login request, never logged
      return { username: account.username, password: account.password };
    },
    tokenPath: 'id',
    isThrottled: isThrottledLogin,
  });
  const logout = { path: 'session', method: 'DELETE' } as const;
  const validate = { path: 'user/current' };

  let authenticator: Authenticator;
  switch (credential.kind) {
    case 'api_key':
      authenticator = metabaseApiKeyAuth(apiKeyHeader, credential.apiKey);
      break;
    case 'session_token': {
      const relogin = credential.relogin;
      authenticator = sessionAuth({
        header: sessionHeader,
        token: credential.sessionToken,
        validate,
        ...(relogin === undefined ? {} : { login: login(relogin), logout }),
        messages: sessionMessages(relogin?.username),
        description:
          relogin === undefined ? 'Metabase session token' : `Metabase session token (renewed by logging in as ${relogin.username} if expired)`,
      });
      break;
    }
    case 'username_password':
      authenticator = sessionAuth({
        header: sessionHeader,
        login: login(credential.login),
        logout,
        messages: sessionMessages(credential.login.username),
        description: `Metabase login as ${credential.login.username}`,
      });
      break;
  }
  return { credential, authenticator, logins: () => logins };
}
