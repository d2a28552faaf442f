import type { AuthHttp } from './http-types.js';
import { ConnectorError, redactUrl } from '../errors/index.js';
import { buildUrl, checkedBaseUrl } from './build-url.js';
import { defaultErrorTable, mergeErrorTables, ruleFor, type ErrorTable } from './error-table.js';
import { statusError, withAttempts } from './http-failures.js';
import { retryReason } from './retry-reason.js';
import { HttpExchange, type ExchangeResult } from './http-exchange.js';
import type { HttpClientOptions, HttpRequest, HttpResponse, HttpTextResponse } from './http-types.js';
import { silentLogger, type Logger } from './logger.js';
import { nextDelayMs, ruleForResponse } from './request-errors.js';
import { withoutCredentials } from './redirects.js';
import { createRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { Semaphore } from './semaphore.js';
import { ServerClock } from './server-clock.js';
import { abortReason, sleep as realSleep } from './sleep.js';
import { createTimedTransport, formatSeconds } from './timed-transport.js';
import { transportTimeouts } from './timeouts.js';
import { createAgents, type Agents } from './tls-agents.js';
import { parseJsonBody, readWholeBody } from './parse-json-body.js';
import { resolveBodyLimits, type BodyLimits } from './body-limits.js';
import { DEFAULT_MAX_CONCURRENCY } from './default-limits.js';

interface CallOptions {
  /** Authenticator traffic bypasses the limiter: requests waiting for a login must not block the login. */
  limited: boolean;
}

/**
 * A request sent again this many times with refreshed credentials, while no other request succeeded, and still refused
 * gets its 401. Replays while others succeed are sessions that ended (their renewal is the authenticator's to bound,
 * e.g. the login ceiling), not credentials refused: with sessions that serve one request each, a request can lose the
 * race for many sessions in a row.
 */
const MAX_AUTH_REPLAYS = 20;
/** The bound on replays of one request whatever else succeeds, for authenticators that would renew forever. */
const MAX_AUTH_REPLAYS_IN_ALL = 200;

/** One per source run: streamed bodies, retries by the error table, safe redirects, auth, bounded concurrency. */
export class HttpClient {
  readonly retryPolicy: RetryPolicy;
  /** The server's time, learned from the Date headers of its responses. */
  readonly serverClock = new ServerClock();
  /** The limits on what one response may make the client hold (records, whole bodies, inflation). */
  readonly bodyLimits: Required<BodyLimits>;
  /** Merged tables per request table: streams pass the same table object with every request. */
  private readonly mergedTables = new WeakMap<ErrorTable, ErrorTable>();
  private readonly trustedOrigin: string;
  private readonly baseUrl: string;
  private readonly agents: Agents;
  private readonly exchange: HttpExchange;
  private readonly semaphore: Semaphore;
  private readonly logger: Logger;
  private readonly table: ErrorTable;
  private readonly authHttp: AuthHttp;
  /** Tells the authenticator how each request sent with its headers was answered, if it wants to know. */
  private readonly answerHook: ((authHeaders: Record<string, string>, status: number | undefined) => void) | undefined;
  private retries = 0;
  /** 2xx answers so far: tells a session that ended after serving others from credentials refused. */
  private successes = 0;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = checkedBaseUrl(options.baseUrl);
    this.trustedOrigin = new URL(this.baseUrl).origin;
    const maxConcurrency = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
    this.semaphore = new Semaphore(maxConcurrency);
    this.agents = createAgents({
      maxSockets: maxConcurrency + 1,
      ...(options.caCertPem ? { caCertPem: options.caCertPem } : {}),
    });
    this.logger = options.logger ?? silentLogger();
    const transport = createTimedTransport(transportTimeouts(options, () => this.logger));
    this.bodyLimits = resolveBodyLimits(options.bodyLimits);
    this.exchange = new HttpExchange(
      this.agents,
      transport,
      this.bodyLimits.maxInflationRatio,
      options.noAnswerAdvice ?? '',
    );
    this.table = mergeErrorTables(defaultErrorTable, options.errorTable);
    this.retryPolicy = createRetryPolicy({
      ...options.retry,
      sleep: options.sleep ?? realSleep,
      ...(options.random ? { random: options.random } : {}),
    });
    const onAnswer = options.authenticator?.onAnswer?.bind(options.authenticator);
    this.answerHook = onAnswer;
    const internal = { limited: false };
    this.authHttp = {
      send: (request) => this.execute({ ...request, auth: false }, internal, (r) => Promise.resolve(r)),
      json: <T>(request: HttpRequest) =>
        this.execute({ ...request, auth: false }, internal, (r) =>
          parseJsonBody<T>(r, request.method ?? 'GET', this.bodyLimits),
        ),
      text: (request) => this.execute({ ...request, auth: false }, internal, (r) => this.readTextResponse(r, request)),
    };
  }

  /** Resolves at the headers of a 2xx (or ignored) status after retries; the body is streamed. */
  send(request: HttpRequest): Promise<HttpResponse> {
    return this.execute(request, { limited: true }, (response) => Promise.resolve(response));
  }

  /** The whole body parsed; a truncated or invalid body is retried too. An ignored status gives undefined. */
  json<T = unknown>(request: HttpRequest): Promise<T> {
    return this.execute(request, { limited: true }, (response) =>
      parseJsonBody<T>(response, request.method ?? 'GET', this.bodyLimits),
    );
  }

  /** The whole body as text, with the status (useful with ignored statuses). */
  text(request: HttpRequest): Promise<HttpTextResponse> {
    return this.execute(request, { limited: true }, (response) => this.readTextResponse(response, request));
  }

  stats(): { requests: number; retries: number } {
    return { requests: this.exchange.requests, retries: this.retries };
  }

  /** Logs out sessions the authenticator opened, then closes idle sockets. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    try {
      await this.options.authenticator?.close?.(this.authHttp);
    } finally {
      this.closed = true;
      this.agents.https.destroy();
      this.agents.http.destroy();
    }
  }

  /** Read level 5, the body: the whole body as text, with the status and headers (for `text()`). */
  private async readTextResponse(response: HttpResponse, request: HttpRequest): Promise<HttpTextResponse> {
    const body = await readWholeBody(response, request.method ?? 'GET', this.bodyLimits);
    return { status: response.status, headers: response.headers, url: response.url, body };
  }

  private tableFor(requestTable: ErrorTable | undefined): ErrorTable {
    if (requestTable === undefined) return this.table;
    let merged = this.mergedTables.get(requestTable);
    if (merged === undefined) {
      merged = mergeErrorTables(this.table, requestTable);
      this.mergedTables.set(requestTable, merged);
    }
    return merged;
  }

  private async execute<T>(
    request: HttpRequest,
    call: CallOptions,
    consume: (response: HttpResponse) => Promise<T>,
  ): Promise<T> {
    const method = request.method ?? 'GET';
    const url = buildUrl(this.baseUrl, request.path, request.params);
    // Redacted only when a message needs it: most requests never fail.
    const shownUrl = (): string => redactUrl(url.toString());
    const table = this.tableFor(request.errorTable);
    const started = Date.now();
    let replays = 0;
    let replaysWithoutProgress = 0;
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      let failureHeaders: Record<string, string> = {};
      try {
        const successesBefore = this.successes;
        const result = await this.attempt(request, call, method, url, table, replays > 0);
        const { status, body } = result.response;
        this.serverClock.observe(result.response.headers.date);
        const authenticator = request.authenticator ?? this.options.authenticator;
        const sentCredentials = Object.keys(result.authHeaders).length > 0;
        if (
          status === 401 &&
          sentCredentials &&
          authenticator?.onUnauthorized &&
          replaysWithoutProgress < MAX_AUTH_REPLAYS &&
          replays < MAX_AUTH_REPLAYS_IN_ALL
        ) {
          body.destroy();
          replays++;
          if (await authenticator.onUnauthorized(this.authHttp, result.authHeaders)) {
            // Read after onUnauthorized: it waits for the answers still due on the ended session.
            if (this.successes === successesBefore) replaysWithoutProgress++;
            attempt--; // the re-sent request is not a retry of a failure
            continue;
          }
        }
        if (status >= 200 && status < 300) {
          this.successes++;
          return await consume(result.response);
        }
        failureHeaders = result.response.headers;
        const { rule, response, bodyText } = await ruleForResponse(request, result.response, ruleFor(table, status));
        if (rule.action === 'ignore') return await consume(response);
        throw await statusError(response, rule, method, shownUrl(), bodyText);
      } catch (error) {
        failure = error;
      }
      if (request.signal?.aborted) throw abortReason(request.signal);
      const delay = nextDelayMs(request, this.retryPolicy, failure, attempt, Date.now() - started, failureHeaders);
      if (delay === undefined) throw attempt > 1 ? withAttempts(failure, attempt) : failure;
      this.retries++;
      this.logger.warn(
        `${method} ${shownUrl()} failed: ${retryReason(failure)}; attempt ${attempt + 1} of ${this.retryPolicy.maxAttempts} in ${formatSeconds(delay)}.`,
      );
      await this.retryPolicy.sleep(delay, request.signal);
    }
  }

  /** One exchange within the concurrency limit; a replay after a 401 goes ahead of queued requests. */
  private async attempt(
    request: HttpRequest,
    call: CallOptions,
    method: string,
    url: URL,
    table: ErrorTable,
    replay: boolean,
  ): Promise<ExchangeResult> {
    if (this.closed)
      throw new ConnectorError({ message: 'The HTTP client was used after close().', failureType: 'system_error' });
    if (request.signal?.aborted === true) throw abortReason(request.signal); // a cancelled run starts no request
    const release = call.limited ? await this.semaphore.acquire(replay) : () => undefined;
    const trustedOrigin = this.trustedOrigin;
    return this.exchange.send({
      method,
      url,
      body: request.body,
      signal: request.signal,
      errorTable: table,
      onDone: release,
      onAnswer: request.auth === false ? undefined : this.answerHook,
      headersFor: async (hopUrl) => {
        const trusted = hopUrl.origin === trustedOrigin;
        const base = { accept: 'application/json', 'user-agent': this.options.userAgent };
        const authenticator = request.authenticator ?? this.options.authenticator;
        const authHeaders =
          trusted && request.auth !== false && authenticator ? await authenticator.headers(this.authHttp) : {};
        const own = trusted ? request.headers : withoutCredentials(request.headers);
        return { headers: { ...base, ...own, ...authHeaders }, authHeaders };
      },
    });
  }
}
