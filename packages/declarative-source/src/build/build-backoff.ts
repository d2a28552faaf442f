/**
 * Backoff strategies: the wait before the next attempt, in ms, or undefined to let the next strategy (then the kit's
 * exponential backoff with Retry-After) decide.
 */
import { ConnectorError, type RetryFailure } from '@mb-airbyte/http-source-kit';
import { manifestError } from '../manifest/manifest-error.js';
import { asText, evaluate, type BuildContext } from './build-context.js';
import { typeOf, type Component } from './component.js';

export type Backoff = (failure: RetryFailure) => number | undefined;

export function buildBackoff(context: BuildContext, strategy: Component): Backoff {
  const number = (field: string, fallback?: number): number | undefined => {
    const value = strategy[field];
    if (value === undefined || value === null || value === '') return fallback;
    const parsed = Number(evaluate(context, strategy, value));
    if (!Number.isFinite(parsed)) throw manifestError(`${String(strategy.type)}: ${field} must be a number.`);
    return parsed;
  };
  switch (typeOf(strategy)) {
    case 'ExponentialBackoffStrategy': {
      const factor = number('factor', 5) ?? 5;
      return ({ attempt }) => factor * 2 ** attempt * 1000;
    }
    case 'ConstantBackoffStrategy': {
      const seconds = number('backoff_time_in_seconds') ?? 0;
      return () => seconds * 1000;
    }
    case 'WaitTimeFromHeader': {
      const [header, read] = headerNumber(context, strategy);
      const max = number('max_waiting_time_in_seconds');
      return ({ headers }) => {
        const seconds = read(headers);
        if (seconds === undefined) return undefined;
        if (max !== undefined && seconds > max) {
          throw new ConnectorError({
            message: `The server asked to wait ${seconds} s (${header}), longer than the manifest's limit of ${max} s.`,
            failureType: 'transient_error',
            retryable: false,
          });
        }
        return seconds * 1000;
      };
    }
    case 'WaitUntilTimeFromHeader': {
      const [, read] = headerNumber(context, strategy);
      const minWait = number('min_wait');
      return ({ headers }) => {
        const until = read(headers);
        if (until === undefined) return minWait === undefined ? undefined : minWait * 1000;
        const seconds = until - context.now().getTime() / 1000;
        return Math.max(seconds, minWait ?? 0, 0) * 1000;
      };
    }
    default:
      throw manifestError(`The backoff strategy ${String(strategy.type)} is not supported by this runtime.`);
  }
}

/** The strategy's header name, and a reader of the number in it (the regex's first group, or its match). */
function headerNumber(
  context: BuildContext,
  strategy: Component,
): [string, (headers: Record<string, string>) => number | undefined] {
  const header = asText(evaluate(context, strategy, strategy.header)).toLowerCase();
  const regex =
    strategy.regex === undefined ? undefined : new RegExp(asText(evaluate(context, strategy, strategy.regex)));
  return [
    header,
    (headers) => {
      const value = headers[header];
      if (value === undefined) return undefined;
      const match = regex?.exec(value);
      const text = regex === undefined ? value : (match?.[1] ?? match?.[0]);
      const number = Number(text?.trim());
      return text === undefined || !Number.isFinite(number) ? undefined : number;
    },
  ];
}
