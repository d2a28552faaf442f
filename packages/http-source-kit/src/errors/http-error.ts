import { ConnectorError } from './connector-error.js';
import type { FailureType } from './failure-type.js';
import { redactUrl } from './redact-url.js';

const marker = Symbol.for('mb-airbyte.http-source-kit.HttpError');
const snippetLength = 300;

export interface HttpErrorOptions {
  message: string;
  internalMessage?: string;
  failureType: FailureType;
  method: string;
  /** Redacted on construction, so a raw URL can be passed safely. */
  url: string;
  status?: number;
  retryable: boolean;
  body?: string;
  code?: string;
  retryAfterMs?: number;
  endsRun?: boolean;
}

/** A failed HTTP exchange. Carries no request headers and no transport objects, so it is safe to serialise. */
export class HttpError extends ConnectorError {
  readonly [marker] = true;
  readonly status?: number;
  readonly method: string;
  readonly url: string;
  override readonly retryable: boolean;
  readonly bodySnippet?: string;
  readonly code?: string;
  /** The server's Retry-After, in ms, when it sent one. */
  readonly retryAfterMs?: number;

  constructor(options: HttpErrorOptions) {
    super(options);
    this.name = 'HttpError';
    this.method = options.method.toUpperCase();
    this.url = redactUrl(options.url);
    this.retryable = options.retryable;
    if (options.status !== undefined) this.status = options.status;
    if (options.code !== undefined) this.code = options.code;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    const snippet = options.body === undefined ? undefined : bodySnippet(options.body);
    if (snippet) this.bodySnippet = snippet;
  }

  static override isInstance(error: unknown): error is HttpError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** The first ~300 characters of a body, whitespace collapsed, for messages. */
export function bodySnippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > snippetLength ? `${flat.slice(0, snippetLength)}…` : flat;
}
