/**
 * SessionTokenAuthenticator: a session token from the login requester's response (at session_token_path), kept for
 * expiration_duration (or the whole run), sent as a header (SessionTokenRequestApiKeyAuthenticator) or as a bearer
 * token (SessionTokenRequestBearerAuthenticator).
 */
import { ConnectorError, type AuthHttp, type Authenticator, type HttpMethod } from '@mb-airbyte/http-source-kit';
import { TokenCache } from './token-cache.js';

export interface SessionTokenOptions {
  login: () => {
    method: HttpMethod;
    url: string;
    headers: Record<string, string>;
    body: unknown;
    authenticator: Authenticator | undefined;
  };
  tokenPath: readonly string[];
  /** Milliseconds a token is used for (undefined: the whole run). */
  lifetimeMs: number | undefined;
  /** The header carrying the token, and how it is written. */
  header: string;
  format: (token: string) => string;
  now: () => Date;
}

export class SessionTokenAuth implements Authenticator {
  private readonly cache: TokenCache;

  constructor(private readonly options: SessionTokenOptions) {
    this.cache = new TokenCache(options.now);
  }

  async headers(client: AuthHttp): Promise<Record<string, string>> {
    return { [this.options.header]: this.options.format(await this.cache.get(() => this.logIn(client))) };
  }

  secrets(): string[] {
    return this.cache.obtained;
  }

  describe(): string {
    return 'session token login';
  }

  private async logIn(client: AuthHttp): Promise<{ token: string; expiresAt?: number }> {
    const { login, tokenPath, lifetimeMs, now } = this.options;
    const request = login();
    const extra = request.authenticator === undefined ? {} : await request.authenticator.headers(client);
    const body = await client.json({
      method: request.method,
      path: request.url,
      headers: { ...request.headers, ...extra },
      body: request.body,
    });
    let token: unknown = body;
    for (const key of tokenPath)
      token = token !== null && typeof token === 'object' ? (token as Record<string, unknown>)[key] : undefined;
    if (typeof token !== 'string' && typeof token !== 'number') {
      throw new ConnectorError({
        message: `The login answer has no session token at ${tokenPath.join('.')}.`,
        failureType: 'config_error',
      });
    }
    return { token: String(token), ...(lifetimeMs === undefined ? {} : { expiresAt: now().getTime() + lifetimeMs }) };
  }
}
