import type { StreamDescriptor } from '@mb-airbyte/airbyte-protocol';
import type { MessageObserver } from './observed-writer.js';

/** Knows which streams have started and not yet ended, from the STREAM_STATUS traces written so far. */
export class StreamStatusTracker implements MessageObserver {
  private readonly open = new Map<string, StreamDescriptor>();

  message: MessageObserver['message'] = (message) => {
    if (message.type !== 'TRACE' || message.trace.type !== 'STREAM_STATUS') return;
    const { stream_descriptor: descriptor, status } = message.trace.stream_status;
    const key = JSON.stringify([descriptor.namespace ?? null, descriptor.name]);
    if (status === 'COMPLETE' || status === 'INCOMPLETE') this.open.delete(key);
    else this.open.set(key, descriptor);
  };

  /** Streams that started and have no final status yet, in the order they started. */
  inProgress(): StreamDescriptor[] {
    return [...this.open.values()];
  }
}
