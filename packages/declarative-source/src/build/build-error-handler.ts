/**
 * DefaultErrorHandler and CompositeErrorHandler: response filters (HttpResponseFilter: http_codes, error_message_contains
 * or predicate, the first that matches decides), max_retries and backoff strategies, as the kit's per-request rules.
 * A response no filter matches gets the kit's default table, which maps statuses as the CDK's default mapping does.
 */
import {
  defaultErrorTable,
  ruleFor,
  type ErrorResponse,
  type ErrorRule,
  type FailureType,
  type RequestRetry,
  type RetryFailure,
} from '@mb-airbyte/http-source-kit';
import { asText, evaluate, evaluateCondition, type BuildContext, type JsonRecord } from './build-context.js';
import { childComponents, typeOf, type Component } from './component.js';
import { buildBackoff } from './build-backoff.js';
import { manifestError } from '../manifest/manifest-error.js';

export interface BuiltErrorHandler {
  classify: ((response: ErrorResponse) => ErrorRule | undefined) | undefined;
  retry: RequestRetry | undefined;
}

const ACTIONS: Record<string, ErrorRule['action']> = {
  RETRY: 'retry',
  RATE_LIMITED: 'retry',
  FAIL: 'fail',
  IGNORE: 'ignore',
  SUCCESS: 'ignore',
};
const FAILURE_TYPES = new Set<FailureType>(['config_error', 'system_error', 'transient_error']);

export function buildErrorHandler(context: BuildContext, handler: Component | undefined): BuiltErrorHandler {
  if (handler === undefined) return { classify: undefined, retry: undefined };
  const handlers = typeOf(handler) === 'CompositeErrorHandler' ? childComponents(handler, 'error_handlers') : [handler];
  const filters = handlers.flatMap((h) => childComponents(h, 'response_filters'));
  for (const filter of filters) {
    const action = asText(filter.action ?? 'FAIL');
    if (ACTIONS[action] === undefined)
      throw manifestError(`HttpResponseFilter: the action ${action} is not supported by this runtime.`);
  }
  const strategies = handlers
    .flatMap((h) => childComponents(h, 'backoff_strategies'))
    .map((s) => buildBackoff(context, s));
  const maxRetries = Number(evaluate(context, handlers[0] ?? handler, handlers[0]?.max_retries ?? 5));
  const delayMs = (failure: RetryFailure): number | undefined => {
    for (const strategy of strategies) {
      const wait = strategy(failure);
      if (wait !== undefined) return wait;
    }
    return undefined;
  };
  return {
    classify: filters.length === 0 ? undefined : (response) => firstMatch(context, filters, response),
    retry: {
      maxAttempts: Number.isInteger(maxRetries) && maxRetries >= 0 ? maxRetries + 1 : 6,
      ...(strategies.length === 0 ? {} : { delayMs }),
    },
  };
}

function firstMatch(context: BuildContext, filters: Component[], response: ErrorResponse): ErrorRule | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body) as unknown;
  } catch {
    parsed = {};
  }
  const values: JsonRecord = { response: parsed, headers: response.headers };
  for (const filter of filters) {
    if (!matches(context, filter, response, values)) continue;
    const action = ACTIONS[asText(filter.action ?? 'FAIL')] ?? 'fail';
    const fallback = ruleFor(defaultErrorTable, response.status);
    const declared = asText(filter.failure_type) as FailureType;
    const failureType = FAILURE_TYPES.has(declared) ? declared : fallback.failureType;
    const message =
      filter.error_message === undefined ? undefined : asText(evaluate(context, filter, filter.error_message, values));
    return {
      action,
      failureType,
      ...(message === undefined || message === ''
        ? fallback.message === undefined
          ? {}
          : { message: fallback.message }
        : { message }),
    };
  }
  return undefined;
}

function matches(context: BuildContext, filter: Component, response: ErrorResponse, values: JsonRecord): boolean {
  const codes = Array.isArray(filter.http_codes) ? filter.http_codes.map(Number) : [];
  if (codes.includes(response.status)) return true;
  const contains = filter.error_message_contains;
  if (
    typeof contains === 'string' &&
    contains !== '' &&
    response.body.includes(asText(evaluate(context, filter, contains, values)))
  )
    return true;
  return (
    filter.predicate !== undefined &&
    filter.predicate !== '' &&
    evaluateCondition(context, filter, filter.predicate, values)
  );
}
