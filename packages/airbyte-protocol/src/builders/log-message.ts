import type { AirbyteMessageOf } from '../schemas/airbyte-message.js';
import type { LogLevel } from '../schemas/log-message.js';

/** A LOG message; the platform turns it into a log line of the job. */
export function logMessage(level: LogLevel, message: string, stackTrace?: string): AirbyteMessageOf<'LOG'> {
  return {
    type: 'LOG',
    log: stackTrace === undefined ? { level, message } : { level, message, stack_trace: stackTrace },
  };
}
