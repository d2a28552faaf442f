import {
  errorTraceMessage,
  logMessage,
  streamStateMessage,
  streamStatusMessage,
  type AirbyteMessage,
  type AirbyteStreamStatus,
  type StreamDescriptor,
} from '@mb-airbyte/airbyte-protocol';
import type { Logger } from '../http/index.js';
import type { SelectedRecord } from '../records/index.js';
import type { SecretMasker } from '../secrets/index.js';
import { describeError } from './describe-error.js';

/** Where the runner writes: a MessageWriter (or anything with its three methods). */
export interface MessageSink {
  write(message: AirbyteMessage): Promise<void>;
  writeRecordJson(stream: string, dataJson: string, emittedAt: number, namespace?: string): Promise<void>;
  flush(): Promise<void>;
}

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<LogLevelName, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const PROTOCOL_LEVEL = { debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' } as const;

export interface RunOutputOptions {
  /** Lowest level written (default info). */
  logLevel?: LogLevelName;
  /** Send log lines here (masked) instead of as LOG messages. */
  logger?: Logger;
  now?: () => number;
}

/**
 * The only way the runner writes. Every LOG, TRACE and CONNECTION_STATUS passes through the secret masker; records
 * go to the writer's pass-through path untouched.
 */
export class RunOutput {
  readonly logger: Logger;
  readonly now: () => number;

  constructor(
    private readonly sink: MessageSink,
    readonly masker: SecretMasker,
    options: RunOutputOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    const threshold = LEVELS[options.logLevel ?? 'info'];
    const external = options.logger;
    const log = (level: LogLevelName) => (message: string) => {
      if (LEVELS[level] < threshold) return;
      const masked = this.masker.mask(message);
      if (external !== undefined) external[level](masked);
      // Logger calls are synchronous; the write keeps its place in line and a broken output shows on the next await.
      else this.sink.write(logMessage(PROTOCOL_LEVEL[level], masked)).catch(() => undefined);
    };
    this.logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  }

  send(message: AirbyteMessage): Promise<void> {
    const sensitive = message.type === 'LOG' || message.type === 'TRACE' || message.type === 'CONNECTION_STATUS';
    return this.sink.write(sensitive ? this.masker.maskDeep(message) : message);
  }

  record(stream: StreamDescriptor, record: SelectedRecord, emittedAt: number): Promise<void> {
    return this.sink.writeRecordJson(stream.name, record.json, emittedAt, stream.namespace);
  }

  status(stream: StreamDescriptor, status: AirbyteStreamStatus): Promise<void> {
    return this.send(streamStatusMessage(stream, status, undefined, this.now()));
  }

  state(stream: StreamDescriptor, state: Record<string, unknown>, recordCount: number): Promise<void> {
    return this.send(streamStateMessage(stream, state, recordCount));
  }

  /** An ERROR trace for a thrown value, with the stream it concerns, if any. */
  error(error: unknown, stream?: StreamDescriptor): Promise<void> {
    const described = describeError(error);
    return this.send(errorTraceMessage({ ...described, ...(stream === undefined ? {} : { stream }) }, this.now()));
  }

  flush(): Promise<void> {
    return this.sink.flush();
  }
}
