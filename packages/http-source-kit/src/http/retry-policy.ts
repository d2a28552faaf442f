import { ConnectorError, HttpError } from '../errors/index.js';
import { errorCode, isRetryableCode } from './network-error.js';
import { DEFAULT_RETRY_LIMITS } from './default-limits.js';

export interface RetryOptions {
  /** Attempts in total, the first included. Default 6. */
  maxAttempts?: number;
  /** No retry starts after this much time since the first attempt. Default 5 minutes. */
  maxTotalMs?: number;
  /** First backoff ceiling. Default 1000. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 60 s. A longer Retry-After is still honoured within maxTotalMs. */
  maxDelayMs?: number;
}

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** The wait before attempt `attempt + 1`, or undefined to give up. `attempt` counts from 1. */
  nextDelayMs(error: unknown, attempt: number, elapsedMs: number): number | undefined;
  /** Any thrown value as a ConnectorError (unknown errors become system_error). */
  classify(error: unknown): ConnectorError;
  /** The client's (injectable) sleep, so a caller retrying mid-body waits the same way. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface RetryPolicyOptions extends RetryOptions {
  random?: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Whether a failure is worth another attempt: as the error says, else transient ones, else by network code. */
export function isRetryable(error: unknown): boolean {
  if (ConnectorError.isInstance(error)) return error.retryable ?? error.failureType === 'transient_error';
  return isRetryableCode(errorCode(error));
}

/** Exponential backoff with full jitter, honouring Retry-After, bounded by attempts and total time. */
export function createRetryPolicy(options: RetryPolicyOptions): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY_LIMITS.maxAttempts;
  const maxTotalMs = options.maxTotalMs ?? DEFAULT_RETRY_LIMITS.maxTotalMs;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const random = options.random ?? Math.random;
  return {
    maxAttempts,
    nextDelayMs(error, attempt, elapsedMs) {
      if (!isRetryable(error) || attempt >= maxAttempts) return undefined;
      const retryAfter = HttpError.isInstance(error) ? error.retryAfterMs : undefined;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      const delay = retryAfter ?? Math.floor(random() * ceiling);
      return elapsedMs + delay > maxTotalMs ? undefined : delay;
    },
    classify(error) {
      if (ConnectorError.isInstance(error)) return error;
      const code = errorCode(error);
      const retryable = isRetryableCode(code);
      return new ConnectorError({
        message: retryable ? `The connection failed (${code ?? 'unknown'}).` : 'An unexpected error occurred.',
        internalMessage: error instanceof Error ? `${error.name}: ${error.message}` : 'non-Error value thrown',
        failureType: retryable ? 'transient_error' : 'system_error',
      });
    },
    sleep: options.sleep,
  };
}
