export { HttpClient } from './http-client.js';
export type { HttpClientOptions, HttpMethod, HttpRequest, HttpResponse, HttpTextResponse } from './http-types.js';
export {
  defaultErrorTable,
  mergeErrorTables,
  ruleFor,
  type ErrorAction,
  type ErrorMessageContext,
  type ErrorRule,
  type ErrorTable,
} from './error-table.js';
export { createRetryPolicy, isRetryable, type RetryOptions, type RetryPolicy } from './retry-policy.js';
export { parseRetryAfter } from './retry-after.js';
export type { ErrorResponse, RequestRetry, RetryFailure } from './http-types.js';
export { buildUrl, type QueryParams } from './build-url.js';
export { Semaphore } from './semaphore.js';
export { ServerClock } from './server-clock.js';
export { DEFAULT_MAX_INFLATION_RATIO, type BodyLimits } from './body-limits.js';
export { silentLogger, type Logger } from './logger.js';
export { DEFAULT_TIMEOUTS } from './timeouts.js';
export { sleep } from './sleep.js';
