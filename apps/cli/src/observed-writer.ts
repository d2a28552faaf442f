import { MessageWriter, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';

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

  constructor(out: NodeJS.WritableStream, observer?: MessageObserver) {
    super(out);
    if (observer !== undefined) this.observers.add(observer);
  }

  /** Adds an observer; returns a function that removes it. */
  observe(observer: MessageObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  override write(message: AirbyteMessage): Promise<void> {
    for (const observer of this.observers) {
      if (message.type === 'RECORD') observer.record?.(message.record.stream);
      observer.message?.(message);
    }
    return super.write(message);
  }

  override writeRecordJson(stream: string, dataJson: string, emittedAt: number, namespace?: string): Promise<void> {
    for (const observer of this.observers) observer.record?.(stream);
    return super.writeRecordJson(stream, dataJson, emittedAt, namespace);
  }
}
