import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

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
  return {
    request(requestOptions, onResponse) {
      const req =
        requestOptions.protocol === 'https:' ? https.request(requestOptions, onResponse) : http.request(requestOptions, onResponse);
      watch(req, options, (message) => timedOut.set(req, message));
      return req;
    },
    timeoutOf(request) {
      return typeof request === 'object' && request !== null ? timedOut.get(request) : undefined;
    },
  };
}

function watch(req: ClientRequest, options: TimedTransportOptions, record: (message: string) => void): void {
  // One timer per phase, refreshed on each chunk rather than replaced: a chunk costs a refresh, not a new timer.
  let connectTimer: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let socket: Socket | undefined;
  let response: IncomingMessage | undefined;
  const fail = (message: string): void => {
    record(message);
    req.destroy(Object.assign(new Error(message), { code: 'ETIMEDOUT' }));
  };
  const onIdle = (): void => {
    // A body we are not reading (back-pressure downstream) is not the server's silence.
    if (response && (response.isPaused() || response.readableLength > 0)) idleTimer?.refresh();
    else fail(`no data received for ${options.responseTimeoutMs} ms`);
  };
  const armIdle = (): void => {
    idleTimer?.refresh();
  };
  const stop = (): void => {
    clearTimeout(connectTimer);
    clearTimeout(idleTimer);
    socket?.off('data', armIdle);
  };
  const startIdle = (): void => {
    clearTimeout(connectTimer);
    idleTimer = setTimeout(onIdle, options.responseTimeoutMs);
    idleTimer.unref();
    socket?.on('data', armIdle);
  };
  req.once('socket', (s: Socket) => {
    socket = s;
    if (!s.connecting) {
      startIdle();
      return;
    }
    connectTimer = setTimeout(() => {
      fail(`could not connect within ${options.connectTimeoutMs} ms`);
    }, options.connectTimeoutMs);
    connectTimer.unref();
    s.once(s instanceof TLSSocket ? 'secureConnect' : 'connect', startIdle);
  });
  req.once('response', (res: IncomingMessage) => {
    response = res;
    res.once('close', stop);
  });
  req.once('close', () => {
    if (!response) stop();
  });
}
