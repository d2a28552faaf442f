/**
 * OAuthAuthenticator, refresh-token flow (and client_credentials): the access token from token_refresh_endpoint
 * (a url-encoded form POST), sent as a bearer token and refreshed when it expires (`expires_in` seconds, or a date
 * in token_expiry_date_format). A configured access_token_value is used until token_expiry_date.
 */
import { ConnectorError, type AuthHttp, type Authenticator } from '@mb-airbyte/http-source-kit';
import { parseDateTime } from '../interpolation/python-datetime.js';
import { parseDateTimeWithFormat } from '../interpolation/python-strptime.js';
import { TokenCache } from './token-cache.js';

export interface OAuthOptions {
  endpoint: string;
  /** The form fields of the refresh request (grant type, client id and secret, refresh token, scopes, extras). */
  form: Record<string, string>;
  headers: Record<string, string>;
  accessTokenName: string;
  expiresInName: string;
  expiryDateFormat: string | undefined;
  /** An access token given in the config, and when it expires. */
  initialToken?: { token: string; expiresAt: number };
  secrets: string[];
  now: () => Date;
}

export class OAuthAuth implements Authenticator {
  private readonly cache: TokenCache;

  constructor(private readonly options: OAuthOptions) {
    this.cache = new TokenCache(options.now);
    const initial = options.initialToken;
    if (initial !== undefined) this.cache.seed(initial.token, initial.expiresAt);
  }

  async headers(client: AuthHttp): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.cache.get(() => this.refresh(client))}` };
  }

  secrets(): string[] {
    return [...this.options.secrets, ...this.cache.obtained].filter((s) => s !== '');
  }

  describe(): string {
    return `OAuth (${this.options.form.grant_type ?? 'refresh_token'})`;
  }

  private async refresh(client: AuthHttp): Promise<{ token: string; expiresAt?: number }> {
    const { endpoint, form, headers, accessTokenName, expiresInName, expiryDateFormat, now } = this.options;
    const body = await client.json<Record<string, unknown> | undefined>({
      method: 'POST',
      path: endpoint,
      headers,
      body: new URLSearchParams(form),
    });
    const token = body?.[accessTokenName];
    if (typeof token !== 'string' || token === '') {
      throw new ConnectorError({
        message: `The token endpoint's answer has no "${accessTokenName}".`,
        failureType: 'config_error',
      });
    }
    const expiresIn = body?.[expiresInName];
    if (expiresIn === undefined || expiresIn === null) return { token };
    if (expiryDateFormat !== undefined) {
      const at = parseDateTimeWithFormat(expiresIn, expiryDateFormat) ?? parseDateTime(expiresIn);
      return at === undefined ? { token } : { token, expiresAt: at.us / 1000 };
    }
    return { token, expiresAt: now().getTime() + Number(expiresIn) * 1000 };
  }
}
