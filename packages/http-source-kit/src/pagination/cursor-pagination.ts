import { ConnectorError } from '../errors/index.js';
import { formatPath, valueAtPath, type RecordPath } from '../records/index.js';
import type { Paginator } from './paginator.js';

export interface CursorPaginationOptions {
  /** Where the next token is in the body (e.g. 'next_cursor', 'meta.next'). Missing, null or '' ends the read. */
  cursorPath?: RecordPath;
  /** Or: a response header holding it. */
  cursorHeader?: string;
  /**
   * The query parameter that carries the token. Without it the token is the next page's URL or path, and replaces
   * the request (its query string included).
   */
  cursorParam?: string;
}

/** Token-based pagination. The same token twice is an error: the server would otherwise loop forever. */
export function cursorPagination(options: CursorPaginationOptions): Paginator {
  const { cursorPath, cursorHeader, cursorParam } = options;
  if ((cursorPath === undefined) === (cursorHeader === undefined)) {
    throw new TypeError('cursorPagination: give exactly one of cursorPath and cursorHeader');
  }
  const where = cursorHeader !== undefined ? `the ${cursorHeader} header` : formatPath(cursorPath ?? '');
  const description = `cursor pagination (${where})`;
  return {
    description,
    start() {
      let token: string | undefined;
      const seen = new Set<string>();
      return {
        current() {
          if (token === undefined) return {};
          return cursorParam === undefined ? { path: token } : { params: { [cursorParam]: token } };
        },
        advance(page) {
          const next =
            cursorHeader !== undefined
              ? page.headers[cursorHeader.toLowerCase()]
              : valueAtPath(page.envelope, cursorPath ?? '');
          if (next === undefined || next === null || next === '') return false;
          if (typeof next !== 'string' && typeof next !== 'number') {
            throw new ConnectorError({
              message: `Expected a page token at ${where}, found ${typeof next}.`,
              failureType: 'system_error',
            });
          }
          const text = String(next);
          if (seen.has(text)) {
            const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
            throw new ConnectorError({
              message: `The API returned the page token "${shown}" twice (${description}). Stopped to avoid an endless loop.`,
              failureType: 'system_error',
            });
          }
          seen.add(text);
          token = text;
          return true;
        },
      };
    },
  };
}
