import type { MessageObserver } from '../observed-writer.js';
import type { ReadProgress } from './read-progress.js';

/** Feeds stream status traces and records into the live progress display. */
export function progressObserver(progress: ReadProgress): MessageObserver {
  return {
    record: (stream) => {
      progress.record(stream);
    },
    message: (message) => {
      if (message.type !== 'TRACE' || message.trace.type !== 'STREAM_STATUS') return;
      const status = message.trace.stream_status;
      const name = status.stream_descriptor.name;
      if (status.status === 'STARTED' || status.status === 'RUNNING') progress.started(name);
      else progress.ended(name, status.status);
    },
  };
}
