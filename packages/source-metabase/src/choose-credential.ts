import { MetabaseConfigError } from './config-error.js';
import type { MetabaseConfig } from './config.js';

export interface UsernamePassword {
  readonly username: string;
  readonly password: string;
}

/** How the connector authenticates, chosen once per run from the config. */
export type MetabaseCredential =
  /** `X-API-Key: <key>` on every request; no login, no logout. */
  | { readonly kind: 'api_key'; readonly apiKey: string }
  /** `X-Metabase-Session: <token>`; when `relogin` is present, an expired token is replaced by one login. */
  | { readonly kind: 'session_token'; readonly sessionToken: string; readonly relogin?: UsernamePassword }
  /** One `POST /api/session` per run, `DELETE /api/session` at the end. */
  | { readonly kind: 'username_password'; readonly login: UsernamePassword };

export const missingCredentialMessage =
  'No Metabase credentials in the config: set api_key (recommended, Metabase 0.49+), or session_token, ' +
  'or both username and password.';

/**
 * Picks the credential, in this order of preference:
 * 1. `api_key`: never expires and never triggers login e-mails; other credentials are then ignored.
 * 2. `session_token`: used as given; `username` + `password`, when both are set, are kept only to log in again if
 *    the token has expired.
 * 3. `username` + `password`: one login per run.
 * Blank strings count as absent (forms often send "" for untouched fields). Nothing usable: a config error.
 */
export function chooseCredential(
  config: Pick<MetabaseConfig, 'api_key' | 'session_token' | 'username' | 'password'>,
): MetabaseCredential {
  const apiKey = present(config.api_key);
  if (apiKey !== undefined) return { kind: 'api_key', apiKey };

  const username = present(config.username);
  const password = present(config.password);
  const login = username !== undefined && password !== undefined ? { username, password } : undefined;

  const sessionToken = present(config.session_token);
  if (sessionToken !== undefined)
    return login ? { kind: 'session_token', sessionToken, relogin: login } : { kind: 'session_token', sessionToken };
  if (login) return { kind: 'username_password', login };

  if (username !== undefined)
    throw new MetabaseConfigError(`${missingCredentialMessage} A username was given without a password.`);
  if (password !== undefined)
    throw new MetabaseConfigError(`${missingCredentialMessage} A password was given without a username.`);
  throw new MetabaseConfigError(missingCredentialMessage);
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
