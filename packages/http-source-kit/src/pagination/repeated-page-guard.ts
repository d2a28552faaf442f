import { ConnectorError } from '../errors/index.js';
import type { PageResult } from './paginator.js';

/**
 * Loop detection for paginators whose next request we compute ourselves (offset, page number): a server that ignores
 * the paging parameter returns the same full page forever. Two consecutive non-empty pages with identical first and
 * last records and size are treated as that loop.
 */
export function repeatedPageGuard(description: string, param: string): (page: PageResult) => void {
  let previous: string | undefined;
  return (page) => {
    const key =
      page.count > 0 && page.first !== undefined ? `${page.count}\n${page.first}\n${page.last ?? ''}` : undefined;
    if (key !== undefined && key === previous) {
      throw new ConnectorError({
        message: `The API returned the same page twice with ${description}; it may be ignoring the "${param}" parameter. Stopped to avoid an endless loop.`,
        failureType: 'system_error',
      });
    }
    previous = key;
  };
}
