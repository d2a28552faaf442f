import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import axios, { type AxiosInstance } from 'axios';
import { redactUrl } from '../errors/index.js';
import { guardBody } from './body-guard.js';
import { ruleFor, type ErrorTable } from './error-table.js';
import type { HttpResponse } from './http-types.js';
import { networkError } from './network-error.js';
import { isRedirect, nextRedirect } from './redirects.js';
import type { Agents } from './tls-agents.js';
import type { TimedTransport } from './timed-transport.js';

export interface ExchangeRequest {
  method: string;
  url: URL;
  body: unknown;
  signal: AbortSignal | undefined;
  errorTable: ErrorTable;
  /** Headers for one hop; called again after each redirect so credentials follow the origin rules. */
  headersFor(url: URL): Promise<{ headers: Record<string, string>; authHeaders: Record<string, string> }>;
  /** Called once the body is finished or destroyed (or at once when no response is returned). */
  onDone(): void;
}

export interface ExchangeResult {
  response: HttpResponse;
  /** The auth headers of the final hop (for onUnauthorized). */
  authHeaders: Record<string, string>;
}

/** One attempt: a request plus its manually followed redirects, through axios with a streamed body. */
export class HttpExchange {
  private readonly axios: AxiosInstance;
  requests = 0;

  constructor(
    private readonly agents: Agents,
    private readonly transport: TimedTransport,
  ) {
    this.axios = axios.create();
  }

  async send(request: ExchangeRequest): Promise<ExchangeResult> {
    let { method, url } = request;
    let body = request.body;
    try {
      for (let hop = 0; ; hop++) {
        const { headers, authHeaders } = await request.headersFor(url);
        const { status, raw, stream, responseHeaders, req } = await this.once(method, url, headers, body, request);
        if (isRedirect(status)) {
          stream.destroy();
          const next = nextRedirect(url, method, status, responseHeaders.location, hop);
          ({ url, method } = next);
          if (next.dropBody) body = undefined;
          continue;
        }
        // axios decodes gzip/br through a pipeline; then byte counts no longer match Content-Length.
        const decoded = stream !== raw;
        const length = responseHeaders['content-length'];
        const guarded = guardBody(stream, {
          method,
          url: url.toString(),
          raw,
          expectedLength: decoded || length === undefined || method === 'HEAD' ? undefined : Number(length),
          timeoutMessage: () => this.transport.timeoutOf(req),
          onClose: () => {
            request.onDone();
          },
        });
        return { response: { status, headers: responseHeaders, url: url.toString(), body: guarded }, authHeaders };
      }
    } catch (error) {
      request.onDone();
      throw error;
    }
  }

  private async once(method: string, url: URL, headers: Record<string, string>, body: unknown, request: ExchangeRequest) {
    this.requests++;
    const data = body === undefined ? undefined : JSON.stringify(body);
    try {
      const response = await this.axios.request<Readable>({
        method,
        url: url.toString(),
        headers: data === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        data,
        responseType: 'stream',
        maxRedirects: 0,
        validateStatus: () => true,
        proxy: false,
        httpsAgent: this.agents.https,
        httpAgent: this.agents.http,
        transport: this.transport,
        signal: request.signal,
      });
      const req = response.request as ClientRequest & { res?: IncomingMessage };
      const responseHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined && value !== null) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      return { status: response.status, raw: req.res, stream: response.data, responseHeaders, req };
    } catch (error) {
      // Only the code and message text survive: axios errors hold the request headers (credentials).
      const timeoutMessage = this.transport.timeoutOf(axiosRequestOf(error));
      throw networkError(error, {
        method,
        url: redactUrl(url.toString()),
        rule: ruleFor(request.errorTable, undefined),
        ...(timeoutMessage ? { timeoutMessage } : {}),
      });
    }
  }
}

function axiosRequestOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'request' in error ? error.request : undefined;
}
