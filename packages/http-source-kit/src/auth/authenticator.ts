import type { HttpRequest, HttpResponse, HttpTextResponse } from '../http/http-types.js';

/**
 * What an authenticator may call: the client's own retries, TLS and error table, without authentication
 * and outside the concurrency limit (so a login never waits behind requests that wait for it).
 */
export interface AuthHttp {
  send(request: HttpRequest): Promise<HttpResponse>;
  json<T = unknown>(request: HttpRequest): Promise<T>;
  text(request: HttpRequest): Promise<HttpTextResponse>;
}

/** How requests prove who they are. A value, built per run; it may hold a session it opened. */
export interface Authenticator {
  /** The credentials for a request about to be sent now (a queued request asks when it leaves the queue). */
  headers(client: AuthHttp): Promise<Record<string, string>>;
  /**
   * Told, for every request sent with this authenticator's headers, its status once it is known (undefined: no answer
   * came). Called before `onUnauthorized` for a 401.
   */
  onAnswer?(usedHeaders: Record<string, string>, status: number | undefined): void;
  /**
   * Called on a 401 with the headers that request used. Resolve true when the credentials were refreshed
   * (the request is then sent again, ahead of requests still queued), false to let the 401 fail, or throw a
   * ConnectorError.
   */
  onUnauthorized?(client: AuthHttp, usedHeaders: Record<string, string>): Promise<boolean>;
  /** Ends sessions this run opened. Never throws. */
  close?(client: AuthHttp): Promise<void>;
  /** Logins made so far this run, for the read's summary; absent for credentials that need none. */
  logins?(): number;
  /** Credentials obtained at run time, for masking in output. */
  secrets(): string[];
  /** For logs, without secrets, e.g. "session login as alice@example.com". */
  describe(): string;
}
