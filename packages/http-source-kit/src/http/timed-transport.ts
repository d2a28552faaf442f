import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { IdleWatchdog } from './idle-watchdog.js';

export interface TimedTransportOptions {
  connectTimeoutMs: number;
  /** Longest silence from the server while we are reading (before headers and while streaming). */
  responseTimeoutMs: number;
}

/** Node's http(s).request with connect and idle timeouts added. */
export interface TimedTransport {
  request(options: https.RequestOptions, onResponse: (res: IncomingMessage) => void): ClientRequest;
  /** Why our watchdog ended this request, if it did. */
  timeoutOf(request: unknown): string | undefined;
}

export function createTimedTransport(options: TimedTransportOptions): TimedTransport {
  const timedOut = new WeakMap<object, string>();
  const watchdog = new IdleWatchdog(options.responseTimeoutMs);
  return {
    request(requestOptions, onResponse) {
      let response: IncomingMessage | undefined;
      const withResponse = (res: IncomingMessage): void => {
        response = res;
        onResponse(res);
      };
      const req =
        requestOptions.protocol === 'https:' ? https.request(requestOptions, withResponse) : http.request(requestOptions, withResponse);
      watch(req, () => response, options, watchdog, (message) => timedOut.set(req, message));
      return req;
    },
    timeoutOf(request) {
      return typeof request === 'object' && request !== null ? timedOut.get(request) : undefined;
    },
  };
}

function watch(
  req: ClientRequest,
  responseOf: () => IncomingMessage | undefined,
  options: TimedTransportOptions,
  watchdog: IdleWatchdog,
  record: (message: string) => void,
): void {
  // A timer for the connect phase only (new connections, rare with keep-alive); the server's silence after it is
  // watched by the shared watchdog.
  let connectTimer: NodeJS.Timeout | undefined;
  let unwatch: (() => void) | undefined;
  const fail = (message: string): void => {
    record(message);
    req.destroy(Object.assign(new Error(message), { code: 'ETIMEDOUT' }));
  };
  const stop = (): void => {
    clearTimeout(connectTimer);
    unwatch?.();
  };
  const startIdle = (socket: Socket): void => {
    clearTimeout(connectTimer);
    unwatch = watchdog.watch({
      socket,
      excused: () => {
        // A body we are not reading (back-pressure downstream) is not the server's silence.
        const response = responseOf();
        return response !== undefined && (response.isPaused() || response.readableLength > 0);
      },
      onSilent: () => {
        fail(`no data received for ${options.responseTimeoutMs} ms`);
      },
    });
  };
  req.once('socket', (s: Socket) => {
    if (!s.connecting) {
      startIdle(s);
      return;
    }
    connectTimer = setTimeout(() => {
      fail(`could not connect within ${options.connectTimeoutMs} ms`);
    }, options.connectTimeoutMs);
    connectTimer.unref();
    s.once(s instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
      startIdle(s);
    });
  });
  req.once('close', () => {
    const response = responseOf();
    if (response === undefined || response.closed) stop();
    else response.once('close', stop);
  });
}
