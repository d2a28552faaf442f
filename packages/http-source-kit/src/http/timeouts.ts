import type { ClientRequest } from 'node:http';
import { redactUrl } from '../errors/index.js';
import type { HttpClientOptions } from './http-types.js';
import type { Logger } from './logger.js';
import { formatSeconds, type TimedTransportOptions } from './timed-transport.js';

/** The waits of a request, by default. */
export const DEFAULT_TIMEOUTS = {
  connectTimeoutMs: 10_000,
  /** A very large Metabase takes one to two minutes before the first byte of GET /api/card. */
  firstByteTimeoutMs: 5 * 60_000,
  idleTimeoutMs: 60_000,
} as const;

/** Longest time between two "still waiting" lines. */
const MAX_NOTICE_EVERY_MS = 30_000;

/**
 * The transport's waits for a client's options, and where a long wait for an answer is reported: a LOG line every
 * 30 s (or every tenth of a shorter first-byte timeout), so a person watching knows the connector is not hung.
 */
export function transportTimeouts(options: HttpClientOptions, logger: () => Logger): TimedTransportOptions {
  const firstByteTimeoutMs = options.firstByteTimeoutMs ?? DEFAULT_TIMEOUTS.firstByteTimeoutMs;
  return {
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectTimeoutMs,
    firstByteTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_TIMEOUTS.idleTimeoutMs,
    noticeEveryMs: Math.min(MAX_NOTICE_EVERY_MS, Math.max(1, Math.floor(firstByteTimeoutMs / 10))),
    onWaiting: (request, waitedMs) => {
      logger().info(
        `Still waiting for the server to answer ${describeRequest(request)}: ${formatSeconds(waitedMs)} so far ` +
          `(the connector waits up to ${formatSeconds(firstByteTimeoutMs)} for the first byte of an answer).`,
      );
    },
  };
}

/** "GET https://host:port/path?query", redacted. */
function describeRequest(request: ClientRequest): string {
  return `${request.method} ${redactUrl(`${request.protocol}//${hostOf(request)}${request.path}`)}`;
}

/** The host and port the request went to, as in a URL (the exchange sends its headers as a list, so no getHeader). */
function hostOf(request: ClientRequest): string {
  const host = request.host.includes(':') ? `[${request.host}]` : request.host;
  const port = request.socket?.remotePort;
  const defaultPort = request.protocol === 'https:' ? 443 : 80;
  return port === undefined || port === defaultPort ? host : `${host}:${port}`;
}
