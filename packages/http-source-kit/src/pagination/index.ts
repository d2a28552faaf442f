export type { PageCursor, PageRequest, PageResult, Paginator } from './paginator.js';
export { noPagination } from './no-pagination.js';
export { offsetPagination, type OffsetPaginationOptions } from './offset-pagination.js';
export { pageNumberPagination, type PageNumberPaginationOptions } from './page-number-pagination.js';
export { cursorPagination, type CursorPaginationOptions } from './cursor-pagination.js';
export { repeatedPageGuard } from './repeated-page-guard.js';
