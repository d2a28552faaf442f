import { HttpError } from '../errors/index.js';
import { CERTIFICATE_ERROR_CODES } from './certificate-error-codes.js';
import { CONNECT_TIMEOUT_CODE } from './timed-transport.js';
import type { ErrorRule } from './error-table.js';
import { certificateFacts, certificateProblem, type CertificateFacts } from './tls-certificate.js';

/** Error codes that mean "try again": the connection broke or stalled, not the request. */
const retryableCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ERR_BODY_TRUNCATED',
  'ERR_INVALID_JSON',
  'ERR_STREAM_PREMATURE_CLOSE',
  CONNECT_TIMEOUT_CODE,
]);

/**
 * Error codes of a server that could not be reached at all (no connection was made). Retried like the others; once a
 * request has spent its whole retry budget on them, every other request would meet the same, so the read stops there.
 */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  CONNECT_TIMEOUT_CODE,
]);

export interface NetworkErrorContext {
  method: string;
  url: string;
  /** Set when our own idle/connect watchdog ended the request. */
  timeoutMessage?: string;
  /** The row for network failures (decides retry vs fail and the failure type). */
  rule: ErrorRule;
  /** The server's certificate as the connection noted it (Node's error for an expired one does not show it). */
  certificate?: CertificateFacts;
}

/** The error's `code`, if it is a string; reads no other field (error objects may carry request headers). */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** One field of an error object: TLS errors carry the peer certificate (`cert`) and the host checked (`host`). */
function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

function stringField(error: unknown, name: string): string | undefined {
  const value = field(error, name);
  return typeof value === 'string' ? value : undefined;
}

function errorText(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' ? message : 'unknown error';
}

export function isRetryableCode(code: string | undefined): boolean {
  return code !== undefined && retryableCodes.has(code);
}

/**
 * Converts a failure without an HTTP status (a Node error) into an HttpError holding only safe fields: code and
 * message text. The original object is never kept as `cause`, since request errors can carry request headers.
 */
export function networkError(error: unknown, context: NetworkErrorContext): HttpError {
  const code = errorCode(error);
  const text = context.timeoutMessage ?? errorText(error);
  const base = { method: context.method, url: context.url, code, internalMessage: `${code ?? 'error'}: ${text}` };
  // The server's certificate, protocol or name: every request to it meets the same, so the run ends here.
  const serverProblem = (message: string): HttpError =>
    new HttpError({ ...base, retryable: false, failureType: 'config_error', endsRun: true, message });
  if (code !== undefined && CERTIFICATE_ERROR_CODES.has(code)) {
    const problem = certificateProblem(
      code,
      context.certificate ?? certificateFacts(field(error, 'cert')),
      stringField(error, 'host'),
    );
    return serverProblem(
      problem === undefined
        ? `TLS certificate check failed for ${context.method} ${base.url}: ${text} (${code}). ` +
            'If the server uses a certificate from a private CA, add that CA certificate (PEM) to the configuration; ' +
            'certificate verification cannot be turned off.'
        : `TLS certificate check failed for ${context.method} ${base.url}: ${problem} (${code}).`,
    );
  }
  if (code === 'EPROTO' || code?.startsWith('ERR_SSL_')) {
    return serverProblem(
      `The TLS handshake with ${base.url} failed: ${text}. Check that the URL's scheme and port point to an HTTPS server.`,
    );
  }
  if (code === 'ENOTFOUND') {
    return serverProblem(`The host of ${base.url} could not be found (DNS lookup failed). Check the server URL.`);
  }
  const retryable = context.rule.action === 'retry' && (isRetryableCode(code) || code === undefined);
  return new HttpError({
    ...base,
    retryable,
    failureType: retryable ? context.rule.failureType : 'system_error',
    message: `${context.method} ${base.url} failed: ${text}${code && !text.includes(code) ? ` (${code})` : ''}`,
  });
}
