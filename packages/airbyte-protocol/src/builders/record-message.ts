import type { AirbyteMessageOf } from '../schemas/airbyte-message.js';

export interface RecordMessageOptions {
  namespace?: string;
  /** Epoch milliseconds; defaults to `Date.now()`. Truncated to an integer as the protocol requires. */
  emittedAt?: number;
}

/** A RECORD message. Key order matches `MessageWriter.writeRecordJson`, so both paths print identical lines. */
export function recordMessage(
  stream: string,
  data: Record<string, unknown>,
  options: RecordMessageOptions = {},
): AirbyteMessageOf<'RECORD'> {
  const emitted_at = Math.trunc(options.emittedAt ?? Date.now());
  const record =
    options.namespace === undefined
      ? { stream, data, emitted_at }
      : { stream, namespace: options.namespace, data, emitted_at };
  return { type: 'RECORD', record };
}
