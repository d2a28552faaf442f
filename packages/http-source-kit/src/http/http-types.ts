import type { Readable } from 'node:stream';
import type { BodyLimits } from './body-limits.js';
import type { QueryParams } from './build-url.js';
import type { Logger } from './logger.js';
import type { ErrorRule, ErrorTable } from './error-table.js';
import type { RetryOptions } from './retry-policy.js';

// The HTTP contract: requests, responses, and the authenticator and error hooks a request carries. The hooks live
// here, not beside their implementations, so that this file depends on nothing that depends on it.

export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';

export interface HttpClientOptions {
  /** With or without a trailing slash: the same URLs. http and https are accepted. */
  baseUrl: string;
  /** An extra trusted CA (PEM), added to Node's default roots. TLS verification is always on. */
  caCertPem?: string;
  /** Longest wait for a new connection (TCP and TLS). Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * Longest wait for the first byte of an answer once the request is sent. Default 5 minutes: a server may think that
   * long before it starts (a very large Metabase takes one to two minutes for GET /api/card), and the connector logs a
   * line every 30 s meanwhile (every tenth of a shorter timeout). A request that gets no answer is not sent again; if
   * no other request was answered meanwhile either, the read ends (one transient_error for the run).
   */
  firstByteTimeoutMs?: number;
  /** Longest silence between two pieces of an answer once it has started; the request is then retried. Default 60 s. */
  idleTimeoutMs?: number;
  /** Said after the message of a request that got no answer in time: how to give the server longer in this source. */
  noAnswerAdvice?: string;
  /** E.g. "source-metabase/2.1.3 (+http-source-kit/0.1.0)". */
  userAgent: string;
  retry?: RetryOptions;
  /** Rows merged over the default table. */
  errorTable?: ErrorTable;
  authenticator?: Authenticator;
  /** How large one record, and how inflated a compressed body, may get (defaults in body-limits.ts). */
  bodyLimits?: BodyLimits;
  /** Requests in flight (headers to end of body) for the whole client. Default 8. */
  maxConcurrency?: number;
  logger?: Logger;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface HttpRequest {
  method?: HttpMethod;
  /** Relative to baseUrl; a leading slash is ignored. An absolute URL on another origin gets no credentials. */
  path: string;
  params?: QueryParams;
  headers?: Record<string, string>;
  /** Sent as JSON; a URLSearchParams is sent as a url-encoded form (a token endpoint, for example). */
  body?: unknown;
  /** Rows merged over the client's table for this request. */
  errorTable?: ErrorTable;
  signal?: AbortSignal;
  /** Default true. */
  auth?: boolean;
  /** Authenticates this request instead of the client's authenticator (for sources whose streams differ). */
  authenticator?: Authenticator;
  /** Chooses the rule for a non-2xx response from its start (over the table); undefined keeps the table's. */
  classify?: (response: ErrorResponse) => ErrorRule | undefined;
  /** This request's own retry limit and waits. */
  retry?: RequestRetry;
}

export interface HttpResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The final URL (after redirects), unredacted: do not log it; use redactUrl. */
  url: string;
  /**
   * The body, streamed. Consume it or destroy it: the request holds a concurrency slot until it closes.
   * A broken or truncated body errors with a retryable HttpError.
   */
  body: Readable;
}

export interface HttpTextResponse {
  status: number;
  headers: Record<string, string>;
  url: string;
  body: string;
}

/** A response the table did not accept, with the start of its body (16 KiB at most). */
export interface ErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a failed attempt tells the request's own backoff. */
export interface RetryFailure {
  /** The attempt that failed, counting from 1. */
  attempt: number;
  /** Undefined for a failure without a response (reset, timeout). */
  status?: number;
  headers: Record<string, string>;
}

export interface RequestRetry {
  /** Attempts in total, the first included (instead of the client's). */
  maxAttempts?: number;
  /** The wait before the next attempt; undefined leaves it to the client's backoff. */
  delayMs?: (failure: RetryFailure) => number | undefined;
}

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
