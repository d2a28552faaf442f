import { MessageWriter, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';

const RESOLVED: Promise<void> = Promise.resolve();

/** Told about every message on its way to the output; must be cheap (it runs once per record). */
export interface MessageObserver {
  message?(message: AirbyteMessage): void;
  record?(stream: string): void;
}

/**
 * A MessageWriter that lets the CLI watch what the runner writes (progress, the discovered catalog)
 * without a second writer on stdout and without parsing the output again.
 */
export class ObservedWriter extends MessageWriter {
  private readonly observers = new Set<MessageObserver>();
  private closed = false;

  constructor(out: NodeJS.WritableStream, observer?: MessageObserver) {
    super(out);
    if (observer !== undefined) this.observers.add(observer);
  }

  /** Adds an observer; returns a function that removes it. */
  observe(observer: MessageObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /**
   * Ends the output early (a cancelled run): every later message is dropped, whole, since the writer only ever holds
   * whole lines; `last` is written after what was already accepted; then everything is flushed, waiting at most
   * `withinMs` for the output to take it. Resolves true when all of it reached the output.
   */
  async closeWith(last: readonly AirbyteMessage[], withinMs: number): Promise<boolean> {
    this.closed = true;
    for (const message of last) super.write(message).catch(() => undefined); // a failure also rejects the flush
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        resolve(false);
      }, withinMs).unref();
    });
    const flushed = super.flush().then(
      () => true,
      () => false,
    );
    return Promise.race([flushed, late]).finally(() => {
      clearTimeout(timer);
    });
  }

  override write(message: AirbyteMessage): Promise<void> {
    if (this.closed) return RESOLVED;
    for (const observer of this.observers) {
      if (message.type === 'RECORD') observer.record?.(message.record.stream);
      observer.message?.(message);
    }
    return super.write(message);
  }

  override writeRecordJson(stream: string, dataJson: string, emittedAt: number, namespace?: string): Promise<void> {
    if (this.closed) return RESOLVED;
    for (const observer of this.observers) observer.record?.(stream);
    return super.writeRecordJson(stream, dataJson, emittedAt, namespace);
  }
}
