import type { ClientRequest, IncomingMessage } from 'node:http';
import type { RequestOptions } from 'node:https';
import { redactUrl } from '../errors/index.js';
import { AbortRegistry } from './abort-registry.js';
import { guardBody } from './body-guard.js';
import { decodedBody, type DecodedBody } from './decoded-body.js';
import { ruleFor, type ErrorTable } from './error-table.js';
import type { HttpResponse } from './http-types.js';
import { networkError } from './network-error.js';
import { noAnswerError } from './no-answer-error.js';
import { isRedirect, nextRedirect } from './redirects.js';
import type { Agents } from './tls-agents.js';
import type { TimedTransport } from './timed-transport.js';
import { notedCertificate } from './tls-certificate.js';

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
  /** Each hop sent with auth headers: its status, or undefined when no answer came. */
  onAnswer?: ((authHeaders: Record<string, string>, status: number | undefined) => void) | undefined;
}

export interface ExchangeResult {
  response: HttpResponse;
  /** The auth headers of the final hop (for onUnauthorized). */
  authHeaders: Record<string, string>;
}

/**
 * One attempt: a request plus its manually followed redirects, on Node's http(s) with a streamed body. (Plain
 * `https.request` directly: a general-purpose client library cost about 0.5 ms of CPU per request, more than all the
 * rest of a request.)
 */
export class HttpExchange {
  requests = 0;
  private readonly aborts = new AbortRegistry();

  constructor(
    private readonly agents: Agents,
    private readonly transport: TimedTransport,
    /** Decoded-to-received ratio past which a compressed body is stopped (see body-limits.ts). */
    private readonly maxInflationRatio: number,
    /** Appended to the message of a request the server did not answer in time. */
    private readonly noAnswerAdvice = '',
  ) {}

  async send(request: ExchangeRequest): Promise<ExchangeResult> {
    let { method, url } = request;
    let body = request.body;
    try {
      for (let hop = 0; ; hop++) {
        const { headers, authHeaders } = await request.headersFor(url);
        const answered =
          request.onAnswer === undefined || Object.keys(authHeaders).length === 0 ? undefined : request.onAnswer;
        let reply: Awaited<ReturnType<HttpExchange['once']>>;
        try {
          reply = await this.once(method, url, headers, body, request);
        } catch (error) {
          answered?.(authHeaders, undefined);
          throw error;
        }
        answered?.(authHeaders, reply.status);
        const {
          status,
          raw,
          decoded: { body: stream, compression },
          responseHeaders,
          req,
        } = reply;
        if (isRedirect(status)) {
          stream.destroy();
          const next = nextRedirect(url, method, status, responseHeaders.location, hop, body !== undefined);
          ({ url, method } = next);
          if (next.dropBody) body = undefined;
          continue;
        }
        // A compressed body is decoded on the way; then byte counts no longer match Content-Length.
        const length = responseHeaders['content-length'];
        const guarded = guardBody(stream, {
          method,
          url: url.toString(),
          raw,
          expectedLength:
            compression !== undefined || length === undefined || method === 'HEAD' ? undefined : Number(length),
          inflation:
            compression === undefined
              ? undefined
              : {
                  encoding: compression.encoding,
                  maxRatio: this.maxInflationRatio,
                  compressedBytes: compression.receivedBytes,
                },
          timeoutMessage: () => this.transport.timeoutOf(req)?.message,
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

  private once(method: string, url: URL, headers: Record<string, string>, body: unknown, request: ExchangeRequest) {
    this.requests++;
    const form = body instanceof URLSearchParams;
    const data = body === undefined ? undefined : form ? body.toString() : JSON.stringify(body);
    // Headers as a flat list: Node writes them as given instead of storing each through setHeader (measurably
    // lighter per request); so Host (and Basic auth from the URL's userinfo) are ours to add.
    const list: string[] = [];
    let ownHost = false;
    let ownEncoding = false;
    for (const name in headers) {
      const lower = name.toLowerCase();
      ownHost ||= lower === 'host';
      ownEncoding ||= lower === 'accept-encoding';
      list.push(name, headers[name] ?? '');
    }
    if (!ownHost) list.push('Host', url.host);
    if (!ownEncoding) list.push('accept-encoding', 'gzip, deflate, br');
    if (data !== undefined)
      list.push(
        'content-type',
        form ? 'application/x-www-form-urlencoded' : 'application/json',
        'content-length',
        String(Buffer.byteLength(data)),
      );
    if (url.username !== '')
      list.push(
        'authorization',
        `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`,
      );
    const options: RequestOptions = {
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method,
      headers: list, // Node writes a [name, value, ...] list as it is
      agent: url.protocol === 'https:' ? this.agents.https : this.agents.http,
    };
    return new Promise<{
      status: number;
      raw: IncomingMessage;
      decoded: DecodedBody;
      responseHeaders: Record<string, string>;
      req: ClientRequest;
    }>((resolve, reject) => {
      const req = this.transport.request(options, (res) => {
        const responseHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        const status = res.statusCode ?? 0;
        resolve({ status, raw: res, decoded: decodedBody(res, method, status), responseHeaders, req });
      });
      req.once('error', (error) => {
        // Only the code and message text survive (see networkError), and what the server's certificate said.
        const timeout = this.transport.timeoutOf(req);
        const shownUrl = redactUrl(url.toString());
        if (timeout?.kind === 'first-byte') {
          reject(noAnswerError(timeout, { method, url: shownUrl, advice: this.noAnswerAdvice }));
          return;
        }
        const certificate = notedCertificate(req.socket);
        reject(
          networkError(error, {
            method,
            url: shownUrl,
            rule: ruleFor(request.errorTable, undefined),
            ...(timeout ? { timeoutMessage: timeout.message } : {}),
            ...(certificate ? { certificate } : {}),
          }),
        );
      });
      req.end(data);
      if (request.signal !== undefined) this.aborts.track(request.signal, req);
    });
  }
}
