import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/index.js';
import { cursorPagination } from './cursor-pagination.js';
import { noPagination } from './no-pagination.js';
import { offsetPagination } from './offset-pagination.js';
import { pageNumberPagination } from './page-number-pagination.js';
import type { PageResult, Paginator } from './paginator.js';

const page = (count: number, extra: Partial<PageResult> = {}): PageResult => ({
  count,
  envelope: {},
  headers: {},
  first: `{"id":${extra.first ?? 'x'}}`,
  last: `{"id":${extra.last ?? 'y'}}`,
  ...extra,
});

/** Drives a paginator over the given pages; returns the requests it asked for. */
function drive(paginator: Paginator, pages: PageResult[]): unknown[] {
  const cursor = paginator.start();
  const requests: unknown[] = [];
  for (const result of pages) {
    requests.push(cursor.current());
    if (!cursor.advance(result)) return requests;
  }
  throw new Error('the paginator did not stop');
}

function failure(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    if (ConnectorError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('paginators', () => {
  it('noPagination sends one request', () => {
    expect(drive(noPagination(), [page(10)])).toEqual([{}]);
  });

  it('offsetPagination stops on a short page', () => {
    const requests = drive(offsetPagination({ limit: 2 }), [
      page(2, { first: '1' }),
      page(2, { first: '3' }),
      page(1, { first: '5' }),
    ]);
    expect(requests).toEqual([
      { params: { limit: 2, offset: 0 } },
      { params: { limit: 2, offset: 2 } },
      { params: { limit: 2, offset: 4 } },
    ]);
  });

  it('offsetPagination stops at the total, and explains a missing total', () => {
    const paginator = offsetPagination({ limit: 2, totalPath: 'total', limitParam: 'size', offsetParam: 'from' });
    const requests = drive(paginator, [
      page(2, { first: '1', envelope: { total: 4 } }),
      page(2, { first: '3', envelope: { total: 4 } }),
    ]);
    expect(requests).toEqual([{ params: { size: 2, from: 0 } }, { params: { size: 2, from: 2 } }]);
    expect(failure(() => drive(paginator, [page(2)])).message).toBe(
      'Expected a number at $.total in the response for offset pagination (size=2), found nothing.',
    );
  });

  it('offsetPagination stops with an error when the server ignores the offset', () => {
    const error = failure(() => drive(offsetPagination({ limit: 2 }), [page(2), page(2), page(2)]));
    expect(error.failureType).toBe('system_error');
    expect(error.message).toMatch(/same page twice .* "offset" parameter/);
  });

  it('pageNumberPagination counts pages and detects loops', () => {
    const requests = drive(pageNumberPagination({ size: 3, startPage: 0 }), [page(3, { first: 'a' }), page(0)]);
    expect(requests).toEqual([{ params: { page: 0, page_size: 3 } }, { params: { page: 1, page_size: 3 } }]);
    expect(failure(() => drive(pageNumberPagination({ size: 1 }), [page(1), page(1)])).message).toMatch(
      /"page" parameter/,
    );
  });

  it('cursorPagination follows tokens in the body, a header, or as the next URL', () => {
    const body = drive(cursorPagination({ cursorPath: 'meta.next', cursorParam: 'cursor' }), [
      page(5, { envelope: { meta: { next: 'b' } } }),
      page(5, { envelope: { meta: { next: null } } }),
    ]);
    expect(body).toEqual([{}, { params: { cursor: 'b' } }]);
    const header = drive(cursorPagination({ cursorHeader: 'X-Next', cursorParam: 'after' }), [
      page(1, { headers: { 'x-next': '7' } }),
      page(1),
    ]);
    expect(header).toEqual([{}, { params: { after: '7' } }]);
    const url = drive(cursorPagination({ cursorPath: 'next' }), [
      page(1, { envelope: { next: 'https://h/api?p=2' } }),
      page(1, { envelope: { next: '' } }),
    ]);
    expect(url).toEqual([{}, { path: 'https://h/api?p=2' }]);
  });

  it('cursorPagination stops with an error on a token seen before', () => {
    const pages = [
      page(1, { envelope: { next: 'a' } }),
      page(1, { envelope: { next: 'b' } }),
      page(1, { envelope: { next: 'a' } }),
    ];
    const error = failure(() => drive(cursorPagination({ cursorPath: 'next', cursorParam: 'c' }), pages));
    expect(error.message).toBe(
      'The API returned the page token "a" twice (cursor pagination ($.next)). Stopped to avoid an endless loop.',
    );
    expect(error.failureType).toBe('system_error');
  });
});
