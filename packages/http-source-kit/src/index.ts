// Public API of @mb-airbyte/http-source-kit: describe REST endpoints as typed streams, get a correct Airbyte source.
// Listed by name: the engine (HTTP client, reading loop, cursor tracking, output) stays internal so it can change.
// In-process test helpers live in '@mb-airbyte/http-source-kit/testing'.

// A source and its streams.
export {
  defineSource,
  type CheckContext,
  type SourceDefinition,
  type SourceHttpOptions,
} from './source/source-definition.js';
export { perRun, type RunContext, type RunValue } from './source/run-context.js';
export { defineStream } from './streams/define-stream.js';
export type {
  JsonRecord,
  Partition,
  PartitionContext,
  PartitionRouter,
  PerPartition,
  RequestContext,
  StreamContext,
  StreamDefinition,
  StreamRequest,
  TransformContext,
} from './streams/stream-definition.js';
export type { StreamReadContext } from './reading/stream-read-context.js';

// Where records are, and JSON text taken apart without a parse/serialise round trip (numbers kept byte for byte).
export type { RecordPath } from './records/record-path.js';
export type { RecordsSpec } from './records/record-selector.js';
export { DEFAULT_MAX_RECORD_BYTES } from './records/record-scanner.js';
export { jsonArrayElements, jsonObjectMembers, withJsonMember, type JsonMember } from './records/json-text.js';

// Pagination and partitions.
export type { PageCursor, PageRequest, PageResult, Paginator } from './pagination/paginator.js';
export { noPagination } from './pagination/no-pagination.js';
export { offsetPagination, type OffsetPaginationOptions } from './pagination/offset-pagination.js';
export { pageNumberPagination, type PageNumberPaginationOptions } from './pagination/page-number-pagination.js';
export { cursorPagination, type CursorPaginationOptions } from './pagination/cursor-pagination.js';
export { parentPartitions, type ParentPartitionsOptions } from './partitions/parent-partitions.js';
export { listPartitions } from './partitions/list-partitions.js';

// Authentication.
export type { Authenticator, AuthHttp } from './http/http-types.js';
export { noAuth } from './auth/no-auth.js';
export { apiKeyAuth, type ApiKeyAuthOptions } from './auth/api-key-auth.js';
export { bearerAuth } from './auth/bearer-auth.js';
export { sessionAuth, type SessionAuthOptions } from './auth/session-auth.js';
export type { SessionAuthMessages, SessionLoginOptions } from './auth/session-login.js';
// What makes a credential unusable (a pasted line break, a character a header cannot carry), for config checks.
export { controlCharacterProblem, headerValueProblem } from './auth/header-value-problem.js';

// HTTP: what a request, a response and a failed attempt look like to hooks, error tables and limits.
export type {
  ErrorResponse,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpTextResponse,
  RequestRetry,
  RetryFailure,
} from './http/http-types.js';
export {
  defaultErrorTable,
  mergeErrorTables,
  ruleFor,
  type ErrorAction,
  type ErrorMessageContext,
  type ErrorRule,
  type ErrorTable,
} from './http/error-table.js';
export type { RetryOptions } from './http/retry-policy.js';
export { DEFAULT_MAX_INFLATION_RATIO, type BodyLimits } from './http/body-limits.js';
export { DEFAULT_TIMEOUTS } from './http/timeouts.js';
export { DEFAULT_MAX_CONCURRENCY, DEFAULT_RETRY_LIMITS } from './http/default-limits.js';
export { CERTIFICATE_ERROR_CODES } from './http/certificate-error-codes.js';
export type { Logger } from './http/logger.js';
// Refused certificates whose message names the problem (expired, not yet valid, another host), not a missing CA.
export { certificateProblemCodes } from './http/tls-certificate.js';

// Errors a source raises.
export type { FailureType } from './errors/failure-type.js';
export { ConnectorError, type ConnectorErrorOptions } from './errors/connector-error.js';
export { HttpError, type HttpErrorOptions } from './errors/http-error.js';

// Incremental cursors: comparisons a source's partition routers need to skip unchanged parents.
export { compareCursorValues, cursorMayBeAtOrAfter, isDateTimeValue } from './state/compare-cursor-values.js';

// Running a source. A command-line entry point (apps/cli) also masks secrets and describes errors that happen
// outside `runSource` (reading stdin, a config file that is not JSON), so it needs the masker and the describer.
export { runSource, type RunSourceOptions, type SourceCommand } from './runner/run-source.js';
export { connectorSpecification } from './source/connector-specification.js';
export { SecretMasker, MASK } from './secrets/secret-masker.js';
export { configSecrets } from './secrets/config-secrets.js';
export { describeError, type DescribedError } from './runner/describe-error.js';
