export type { FailureType } from './failure-type.js';
export { ConnectorError, type ConnectorErrorOptions } from './connector-error.js';
export { HttpError, bodySnippet, type HttpErrorOptions } from './http-error.js';
export { redactUrl } from './redact-url.js';
