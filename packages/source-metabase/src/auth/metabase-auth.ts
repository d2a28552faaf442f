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
 * The authenticator for a chosen credential. Sessions use the kit's `sessionAuth`: a login when the run starts (or
 * when a given token is found expired by GET /api/user/current), a new login each time a session that served
 * requests ends (within the kit's login ceiling), and a logout (DELETE /api/session) of the session open at the end,
 * only if this run opened it.
 */
export function createMetabaseAuth(credential: MetabaseCredential): MetabaseAuth {
  const login = (account: UsernamePassword): SessionLoginOptions => ({
    path: 'session',
    body: () => ({ username: account.username, password: account.password }),
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
          relogin === undefined
            ? 'Metabase session token'
            : `Metabase session token (renewed by logging in as ${relogin.username} if expired)`,
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
  return { credential, authenticator, logins: () => authenticator.logins?.() ?? 0 };
}
