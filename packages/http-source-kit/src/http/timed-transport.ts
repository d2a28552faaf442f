import http, { type ClientRequest, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { IdleWatchdog, type IdleWatch } from './idle-watchdog.js';

export interface TimedTransportOptions {
  connectTimeoutMs: number;
  /** Longest wait for the first byte of an answer, once the request is on a connection. */
  firstByteTimeoutMs: number;
  /** Longest silence from the server once its answer has started. */
  idleTimeoutMs: number;
  /** How often a request still waiting for its first byte is reported through `onWaiting`. */
  noticeEveryMs: number;
  /** A request has waited `waitedMs` for its answer so far (it is not hung: the server is thinking). */
  onWaiting(request: ClientRequest, waitedMs: number): void;
}

/** Why our watchdog ended a request. A first-byte timeout says whether the server answered other requests meanwhile. */
export type TransportTimeout =
  { kind: 'connect' | 'idle'; message: string } | { kind: 'first-byte'; message: string; othersAnswered: boolean };

/** Node's http(s).request with connect, first-byte and idle timeouts added. */
export interface TimedTransport {
  request(options: https.RequestOptions, onResponse: (res: IncomingMessage) => void): ClientRequest;
  /** Why our watchdog ended this request, if it did. */
  timeoutOf(request: unknown): TransportTimeout | undefined;
}

/** What the requests of one transport share. */
interface Shared {
  options: TimedTransportOptions;
  watchdog: IdleWatchdog;
  timedOut: WeakMap<object, TransportTimeout>;
  /** Answers (response headers) this transport has seen. */
  answers: number;
}

export function createTimedTransport(options: TimedTransportOptions): TimedTransport {
  const shared: Shared = {
    options,
    watchdog: new IdleWatchdog({
      firstByteMs: options.firstByteTimeoutMs,
      idleMs: options.idleTimeoutMs,
      noticeEveryMs: options.noticeEveryMs,
    }),
    timedOut: new WeakMap(),
    answers: 0,
  };
  return {
    request(requestOptions, onResponse) {
      const watched = new WatchedRequest(shared, onResponse);
      const respond = (res: IncomingMessage): void => {
        watched.answered(res);
      };
      const req =
        requestOptions.protocol === 'https:'
          ? https.request(requestOptions, respond)
          : http.request(requestOptions, respond);
      watched.attach(req);
      return req;
    },
    timeoutOf(request) {
      return typeof request === 'object' && request !== null ? shared.timedOut.get(request) : undefined;
    },
  };
}

/**
 * One request under watch: a timer for the connect phase only (new connections, rare with keep-alive), then the
 * shared watchdog for the wait for the first byte and the silences of the body. (A class rather than closures: this
 * runs for every request.)
 */
class WatchedRequest implements IdleWatch {
  awaitingAnswer = true;
  socket!: Socket;
  private req!: ClientRequest;
  private response: IncomingMessage | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private unwatch: (() => void) | undefined;
  /** The transport's answer count when the wait began: unchanged at a first-byte timeout means nothing was answered. */
  private answersBefore = 0;

  constructor(
    private readonly shared: Shared,
    private readonly onResponse: (res: IncomingMessage) => void,
  ) {}

  attach(req: ClientRequest): void {
    this.req = req;
    req.once('socket', (socket: Socket) => {
      if (!socket.connecting) {
        this.start(socket);
        return;
      }
      const { connectTimeoutMs } = this.shared.options;
      this.connectTimer = setTimeout(() => {
        this.fail({ kind: 'connect', message: `could not connect within ${connectTimeoutMs} ms` });
      }, connectTimeoutMs);
      this.connectTimer.unref();
      socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => {
        this.start(socket);
      });
    });
    req.once('close', () => {
      const response = this.response;
      if (response === undefined || response.closed) this.stop();
      else
        response.once('close', () => {
          this.stop();
        });
    });
  }

  answered(res: IncomingMessage): void {
    this.response = res;
    this.awaitingAnswer = false;
    this.shared.answers++;
    this.onResponse(res);
  }

  excused(): boolean {
    // A body we are not reading (back-pressure downstream) is not the server's silence.
    const response = this.response;
    return response !== undefined && (response.isPaused() || response.readableLength > 0);
  }

  onSilent(phase: 'first-byte' | 'idle'): void {
    const { options } = this.shared;
    if (phase === 'idle') this.fail({ kind: 'idle', message: `no data received for ${options.idleTimeoutMs} ms` });
    else
      this.fail({
        kind: 'first-byte',
        message: `no answer within ${formatSeconds(options.firstByteTimeoutMs)}`,
        othersAnswered: this.shared.answers !== this.answersBefore,
      });
  }

  onWaiting(waitedMs: number): void {
    this.shared.options.onWaiting(this.req, waitedMs);
  }

  private start(socket: Socket): void {
    clearTimeout(this.connectTimer);
    this.socket = socket;
    this.answersBefore = this.shared.answers;
    this.unwatch = this.shared.watchdog.watch(this);
  }

  private stop(): void {
    clearTimeout(this.connectTimer);
    this.unwatch?.();
  }

  private fail(timeout: TransportTimeout): void {
    this.shared.timedOut.set(this.req, timeout);
    this.req.destroy(Object.assign(new Error(timeout.message), { code: timeoutCodes[timeout.kind] }));
  }
}

/** The error code of a request that got no answer within the first-byte timeout. */
export const FIRST_BYTE_TIMEOUT_CODE = 'ERR_FIRST_BYTE_TIMEOUT';
/** The error code of a connection (TCP and TLS handshake) not made within the connect timeout. */
export const CONNECT_TIMEOUT_CODE = 'ERR_CONNECT_TIMEOUT';

const timeoutCodes: Record<TransportTimeout['kind'], string> = {
  connect: CONNECT_TIMEOUT_CODE,
  'first-byte': FIRST_BYTE_TIMEOUT_CODE,
  idle: 'ETIMEDOUT',
};

/** "300 s", "2.5 s", "800 ms". */
export function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}
