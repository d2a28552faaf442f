/**
 * Airbyte's LegacySessionTokenAuthenticator, as the CDK runs it: before every request, a configured session token is
 * validated with a GET of `validate_session_url` (401 means invalid); when there is none or it is invalid, it logs in
 * with username and password (POST `login_url`, JSON) and reuses that session for the rest of the run (the CDK caches
 * it per process). A 401 on a request does not log in again. URLs are the requester's url_base with the path appended
 * as text, as the CDK builds them.
 */
import { ConnectorError, type AuthHttp, type Authenticator } from '@mb-airbyte/http-source-kit';

export interface LegacySessionTokenOptions {
  apiUrl: string;
  header: string;
  sessionToken: string;
  username: string;
  password: string;
  responseKey: string;
  loginUrl: string;
  validateUrl: string;
}

/** What the authenticator cost the server: the bench and the parity test report it. */
export interface SessionTokenStats {
  logins: number;
  validations: number;
}

const invalid401 = { 401: { action: 'ignore' as const, failureType: 'config_error' as const } };

export class LegacySessionTokenAuth implements Authenticator {
  readonly stats: SessionTokenStats = { logins: 0, validations: 0 };
  private login: Promise<string> | undefined;
  /** Session tokens obtained at run time: secrets too. */
  private readonly obtained: string[] = [];

  constructor(private readonly options: LegacySessionTokenOptions) {}

  async headers(client: AuthHttp): Promise<Record<string, string>> {
    const { header, sessionToken, username, password } = this.options;
    if (sessionToken !== '' && (await this.isValid(client))) return { [header]: sessionToken };
    if (username !== '' && password !== '') return { [header]: await (this.login ??= this.logIn(client)) };
    throw new ConnectorError({
      message:
        'Invalid credentials: the session token is not valid, and no username and password are configured to log in.',
      failureType: 'config_error',
    });
  }

  secrets(): string[] {
    return [this.options.sessionToken, this.options.password, ...this.obtained].filter((s) => s !== '');
  }

  describe(): string {
    return `session token (${this.options.header})${this.options.username === '' ? '' : ` or login as ${this.options.username}`}`;
  }

  private async isValid(client: AuthHttp): Promise<boolean> {
    this.stats.validations++;
    const { apiUrl, validateUrl, header, sessionToken } = this.options;
    const response = await client.text({
      path: `${apiUrl}${validateUrl}`,
      headers: { [header]: sessionToken },
      errorTable: invalid401,
    });
    return response.status !== 401;
  }

  private async logIn(client: AuthHttp): Promise<string> {
    this.stats.logins++;
    const { apiUrl, loginUrl, username, password, responseKey } = this.options;
    try {
      const body = await client.json<Record<string, unknown> | undefined>({
        method: 'POST',
        path: `${apiUrl}${loginUrl}`,
        body: { username, password },
      });
      const token = body?.[responseKey];
      if (typeof token !== 'string' && typeof token !== 'number') {
        throw new ConnectorError({
          message: `The login answer has no "${responseKey}" field holding the session token.`,
          failureType: 'system_error',
        });
      }
      this.obtained.push(String(token));
      return String(token);
    } catch (error) {
      this.login = undefined;
      throw error;
    }
  }
}
