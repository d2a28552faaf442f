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
  /**
   * Found by validating input the user gave (config, catalog, state): the ERROR trace then carries no stack trace,
   * which would only point at the validation code. Errors from the server or from the code keep theirs.
   */
  userInput?: boolean;
  /**
   * The failure concerns the whole run, not one stream: a credential the server refused, a server that does not
   * answer. `read` reports it once, as the run's one ERROR trace, and ends the other streams (see FatalCause).
   */
  endsRun?: boolean;
  cause?: unknown;
}

/** An error that knows how the platform should treat it. Checked with `isInstance`, which works across copies. */
export class ConnectorError extends Error {
  readonly [marker] = true;
  readonly failureType: FailureType;
  readonly userMessage: string;
  readonly internalMessage?: string;
  readonly retryable?: boolean;
  readonly userInput?: boolean;
  readonly endsRun?: boolean;

  constructor(options: ConnectorErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.failureType = options.failureType;
    this.userMessage = options.message;
    if (options.internalMessage !== undefined) this.internalMessage = options.internalMessage;
    if (options.retryable !== undefined) this.retryable = options.retryable;
    if (options.userInput === true) this.userInput = true;
    if (options.endsRun === true) this.endsRun = true;
  }

  static isInstance(error: unknown): error is ConnectorError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}
