/**
 * Paginators are tiny state machines. A stream's paginator hands out one PageCursor per partition; the reader asks it
 * for the current page's request additions, reads the page, then tells it what came back.
 */
import type { QueryParams } from '../http/index.js';

/** What the reader learned from one page, after reading its body to the end. */
export interface PageResult {
  /** Records on the page (before transforms and filters). */
  count: number;
  /** Small values beside the record path, e.g. `{ total: 120, meta: { next: 'abc' } }`. */
  envelope: Record<string, unknown>;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** JSON text of the first and last records, to notice a server that returns the same page again. */
  first?: string;
  last?: string;
}

/** Additions to the stream's request for the current page. */
export interface PageRequest {
  params?: QueryParams;
  /** Replaces the request path (e.g. a next-page URL given by the server). */
  path?: string;
  /** Merged over the stream's headers. */
  headers?: Record<string, string>;
  /** Merged over the stream's JSON body (an object). */
  body?: Record<string, unknown>;
  /** The paginator's own value for this page, given to the stream's request closures as `page`. */
  token?: unknown;
}

export interface PageCursor {
  current(): PageRequest;
  /** Moves to the next page; false when there is none. Throws a ConnectorError when the server loops. */
  advance(page: PageResult): boolean;
}

export interface Paginator {
  /** For messages, e.g. "offset pagination (limit 100)". */
  readonly description: string;
  start(): PageCursor;
}
