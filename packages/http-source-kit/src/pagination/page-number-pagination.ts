import type { Paginator } from './paginator.js';
import { repeatedPageGuard } from './repeated-page-guard.js';

export interface PageNumberPaginationOptions {
  pageParam?: string;
  sizeParam?: string;
  /** Page size asked for; a shorter (or empty) page is the last one. */
  size: number;
  startPage?: number;
}

/** `?page=1&page_size=50`, then page 2, 3, … until a short or empty page. */
export function pageNumberPagination(options: PageNumberPaginationOptions): Paginator {
  const { pageParam = 'page', sizeParam = 'page_size', size, startPage = 1 } = options;
  if (!Number.isInteger(size) || size < 1)
    throw new TypeError(`pageNumberPagination: size must be a positive integer, got ${size}`);
  const description = `page-number pagination (${sizeParam}=${size})`;
  return {
    description,
    start() {
      let page = startPage;
      const checkRepeat = repeatedPageGuard(description, pageParam);
      return {
        current: () => ({ params: { [pageParam]: page, [sizeParam]: size } }),
        advance(result) {
          checkRepeat(result);
          page++;
          return result.count >= size;
        },
      };
    },
  };
}
