import { ConnectorError } from '../errors/index.js';
import { formatPath, valueAtPath, type RecordPath } from '../records/index.js';
import type { Paginator } from './paginator.js';
import { repeatedPageGuard } from './repeated-page-guard.js';

export interface OffsetPaginationOptions {
  /** Page size asked for. If the server caps it lower, set it to the server's maximum: a short page ends the read. */
  limit: number;
  limitParam?: string;
  offsetParam?: string;
  /** Where the total count is (e.g. 'total'); the read stops once the offset reaches it. */
  totalPath?: RecordPath;
  startOffset?: number;
}

/** `?limit=100&offset=0`, then offset 100, 200, … until a short (or empty) page, or the total. */
export function offsetPagination(options: OffsetPaginationOptions): Paginator {
  const { limit, limitParam = 'limit', offsetParam = 'offset', totalPath, startOffset = 0 } = options;
  if (!Number.isInteger(limit) || limit < 1)
    throw new TypeError(`offsetPagination: limit must be a positive integer, got ${limit}`);
  const description = `offset pagination (${limitParam}=${limit})`;
  return {
    description,
    start() {
      let offset = startOffset;
      const checkRepeat = repeatedPageGuard(description, offsetParam);
      return {
        current: () => ({ params: { [limitParam]: limit, [offsetParam]: offset } }),
        advance(page) {
          checkRepeat(page);
          offset += page.count;
          if (page.count === 0) return false;
          if (totalPath === undefined) return page.count >= limit;
          const total = valueAtPath(page.envelope, totalPath);
          if (typeof total !== 'number') {
            throw new ConnectorError({
              message: `Expected a number at ${formatPath(totalPath)} in the response for ${description}, found ${total === undefined ? 'nothing' : typeof total}.`,
              failureType: 'system_error',
            });
          }
          return offset < total;
        },
      };
    },
  };
}
