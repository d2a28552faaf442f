import type { ErrorTraceInput } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError } from '../errors/index.js';

export const GENERIC_MESSAGE = 'Something went wrong in the connector. See the logs for more details.';

/** An ERROR trace's content without a stream: the protocol's own input type, so the two cannot drift apart. */
export type DescribedError = Omit<ErrorTraceInput, 'stream'>;

/**
 * What an ERROR trace says about a thrown value: a ConnectorError speaks for itself; anything else is an unexpected
 * system_error with a generic user message. The stack trace follows the `cause` chain; an error in the user's input
 * (`userInput`) has none, since it is noise there. Secrets are masked later, on the whole message, by the run output.
 */
export function describeError(error: unknown): DescribedError {
  const stackTrace = ConnectorError.isInstance(error) && error.userInput === true ? undefined : stackChain(error);
  if (ConnectorError.isInstance(error)) {
    const internal = error.internalMessage ?? (error.message !== error.userMessage ? error.message : undefined);
    return {
      message: error.userMessage,
      failureType: error.failureType,
      ...(internal === undefined ? {} : { internalMessage: internal }),
      ...(stackTrace === undefined ? {} : { stackTrace }),
    };
  }
  const internalMessage =
    error instanceof Error ? `${error.name}: ${error.message}` : `non-error value thrown: ${String(error)}`;
  return {
    message: GENERIC_MESSAGE,
    internalMessage,
    failureType: 'system_error',
    ...(stackTrace === undefined ? {} : { stackTrace }),
  };
}

function stackChain(error: unknown): string | undefined {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    parts.push(current.stack ?? `${current.name}: ${current.message}`);
    current = current.cause;
  }
  return parts.length === 0 ? undefined : parts.join('\nCaused by: ');
}
