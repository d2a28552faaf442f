import type { FailureType } from '../errors/index.js';

export type ErrorAction = 'retry' | 'fail' | 'ignore';

export interface ErrorMessageContext {
  status?: number;
  method: string;
  /** Redacted. */
  url: string;
  /** A short snippet of the response body, when there was one. */
  body?: string;
}

export interface ErrorRule {
  action: ErrorAction;
  failureType: FailureType;
  /** What the user reads; say what to do, not just the status text. */
  message?: string | ((context: ErrorMessageContext) => string);
  /** This answer means no stream can succeed (e.g. a refused credential): the read reports it once and stops. */
  endsRun?: boolean;
}

/**
 * Status-to-action rows. Lookup order: exact status, then its class ('4xx' / '5xx'), then 'default'.
 * 'network' covers failures without a status (reset, timeout, truncated body).
 */
export type ErrorTable = Partial<Record<number | '4xx' | '5xx' | 'network' | 'default', ErrorRule>>;

const retryTransient: ErrorRule = { action: 'retry', failureType: 'transient_error' };

export const defaultErrorTable: ErrorTable = {
  400: { action: 'fail', failureType: 'system_error' },
  // Reached only after the authenticator has done what it could (a new session, if it has one).
  401: {
    action: 'fail',
    failureType: 'config_error',
    endsRun: true,
    message: ({ method, url }) =>
      `The server rejected the credentials (HTTP 401) for ${method} ${url}. Check the credentials in the connector configuration.`,
  },
  403: {
    action: 'fail',
    failureType: 'config_error',
    message: ({ method, url }) =>
      `The server refused access (HTTP 403) to ${method} ${url}. Check that the configured account has permission for it.`,
  },
  404: { action: 'fail', failureType: 'system_error' },
  405: { action: 'fail', failureType: 'system_error' },
  408: retryTransient,
  429: retryTransient,
  '4xx': { action: 'fail', failureType: 'system_error' },
  '5xx': retryTransient,
  network: retryTransient,
  default: { action: 'fail', failureType: 'system_error' },
};

/** Later tables win row by row; undefined tables are skipped. */
export function mergeErrorTables(...tables: (ErrorTable | undefined)[]): ErrorTable {
  return Object.assign({}, ...tables.filter((t) => t !== undefined)) as ErrorTable;
}

/** The rule for a status, or for a network failure when status is undefined. */
export function ruleFor(table: ErrorTable, status: number | undefined): ErrorRule {
  const fallback: ErrorRule = table.default ?? { action: 'fail', failureType: 'system_error' };
  if (status === undefined) return table.network ?? retryTransient;
  const statusClass = status >= 500 && status < 600 ? '5xx' : status >= 400 && status < 500 ? '4xx' : undefined;
  return table[status] ?? (statusClass ? table[statusClass] : undefined) ?? fallback;
}

/** The rule's message, or a plain default naming the status, request and body snippet. */
export function ruleMessage(rule: ErrorRule, context: ErrorMessageContext): string {
  if (typeof rule.message === 'function') return rule.message(context);
  if (typeof rule.message === 'string') return rule.message;
  const what = context.status === undefined ? 'failed' : `failed with HTTP ${context.status}`;
  return `${context.method} ${context.url} ${what}${context.body ? `: ${context.body}` : ''}`;
}
