import type { FailureType } from './failure-type.js';

const marker = Symbol.for('mb-airbyte.http-source-kit.ConnectorError');

export interface ConnectorErrorOptions {
  /** User-facing and actionable: what went wrong and what to do. Never contains secrets. */
  message: string;
  /** Detail for maintainers (codes, attempts); still never contains secrets. */
  internalMessage?: string;
  failureType: FailureType;
  /** Whether trying again may help; unset means "if transient". A failed login is transient yet final. */
  retryable?: boolean;
  cause?: unknown;
}

/** An error that knows how the platform should treat it. Checked with `isInstance`, which works across copies. */
export class ConnectorError extends Error {
  readonly [marker] = true;
  readonly failureType: FailureType;
  readonly userMessage: string;
  readonly internalMessage?: string;
  readonly retryable?: boolean;

  constructor(options: ConnectorErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.failureType = options.failureType;
    this.userMessage = options.message;
    if (options.internalMessage !== undefined) this.internalMessage = options.internalMessage;
    if (options.retryable !== undefined) this.retryable = options.retryable;
  }

  static isInstance(error: unknown): error is ConnectorError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
