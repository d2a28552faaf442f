import { HttpError, redactUrl } from '../errors/index.js';
import { formatBytes } from '../errors/format-bytes.js';
import { DEFAULT_MAX_RECORD_BYTES } from '../records/record-scanner.js';

/** How much one response may make the connector hold, whatever the server sends. */
export interface BodyLimits {
  /**
   * Largest record (any single JSON value the record selector meets), and largest body read whole (`json`, `text`),
   * in bytes. Default DEFAULT_MAX_RECORD_BYTES (24 MiB).
   */
  maxRecordBytes?: number;
  /**
   * Largest ratio of decoded to received bytes a compressed body may reach once it has inflated past 1 MiB.
   * Default 200: JSON APIs compress 3 to 20 times; a decompression bomb about 1,000 times (gzip) or far more (brotli).
   */
  maxInflationRatio?: number;
  /** Appended to the message of a record over the limit: how the user can raise it (for example a config field). */
  raiseAdvice?: string;
}

export const DEFAULT_MAX_INFLATION_RATIO = 200;
/** Decoded bytes within which any ratio is accepted: a small body proves nothing, and costs nothing. */
export const INFLATION_CHECK_FROM_BYTES = 1024 * 1024;

/** Codes of the HttpErrors a body limit raises (not retried: the same request gets the same body). */
export const BODY_LIMIT_CODES: ReadonlySet<string> = new Set(['ERR_BODY_INFLATION', 'ERR_BODY_TOO_LARGE']);

export function resolveBodyLimits(limits: BodyLimits = {}): Required<BodyLimits> {
  const maxRecordBytes = limits.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const maxInflationRatio = limits.maxInflationRatio ?? DEFAULT_MAX_INFLATION_RATIO;
  if (!(maxRecordBytes > 0)) throw new RangeError(`bodyLimits.maxRecordBytes must be positive, got ${maxRecordBytes}`);
  if (!(maxInflationRatio >= 1))
    throw new RangeError(`bodyLimits.maxInflationRatio must be at least 1, got ${maxInflationRatio}`);
  return { maxRecordBytes, maxInflationRatio, raiseAdvice: limits.raiseAdvice ?? '' };
}

/** What a compressed body is checked against as it inflates. */
export interface InflationCheck {
  encoding: string;
  maxRatio: number;
  /** Compressed bytes received so far. */
  compressedBytes: () => number;
}

/** The error for a body that inflated past the ratio, or undefined while it is within it. */
export function inflationError(
  check: InflationCheck,
  decoded: number,
  method: string,
  url: () => string,
): HttpError | undefined {
  if (decoded <= INFLATION_CHECK_FROM_BYTES) return undefined;
  const compressed = check.compressedBytes();
  if (decoded <= check.maxRatio * compressed) return undefined;
  return new HttpError({
    message:
      `The response to ${method} ${url()} inflated to more than ${check.maxRatio} times the size it had on the wire ` +
      `(${formatBytes(decoded)} from ${formatBytes(compressed)} of ${check.encoding}), as a decompression bomb does, so ` +
      'reading stopped there to keep memory bounded. A JSON API response compresses 3 to 20 times.',
    internalMessage: `ERR_BODY_INFLATION: ${decoded} bytes decoded from ${compressed}, limit ratio ${check.maxRatio}`,
    failureType: 'system_error',
    method,
    url: url(),
    retryable: false,
    code: 'ERR_BODY_INFLATION',
  });
}

/** The error for a body read whole that is larger than the record limit. */
export function bodyTooLargeError(limits: Required<BodyLimits>, method: string, url: string): HttpError {
  const advice = limits.raiseAdvice === '' ? '' : ` ${limits.raiseAdvice}`;
  return new HttpError({
    message: `The response to ${method} ${redactUrl(url)} is larger than the limit of ${formatBytes(limits.maxRecordBytes)} on one record, so reading stopped.${advice}`,
    internalMessage: `ERR_BODY_TOO_LARGE: over ${limits.maxRecordBytes} bytes`,
    failureType: 'config_error',
    method,
    url,
    retryable: false,
    code: 'ERR_BODY_TOO_LARGE',
  });
}
