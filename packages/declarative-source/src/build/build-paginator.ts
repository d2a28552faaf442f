/**
 * DefaultPaginator with PageIncrement, OffsetIncrement or CursorPagination, as the kit's paginator state machine. The
 * token goes where page_token_option says (a RequestOption, or RequestPath: the next request's path or URL); the
 * page size goes where page_size_option says, on every request. A cursor handed out twice stops the stream.
 */
import { ConnectorError, noPagination, type PageResult, type Paginator } from '@mb-airbyte/http-source-kit';
import { manifestError } from '../manifest/manifest-error.js';
import { asText, evaluate, evaluateCondition, type BuildContext, type JsonRecord } from './build-context.js';
import { buildRequestOption } from './build-request-option.js';
import { childComponent, typeOf, type Component } from './component.js';
import { injectInto, mergeParts, type PageState, type RequestParts } from './request-parts.js';

interface Strategy {
  initial: unknown;
  pageSize: number | undefined;
  next(page: PageResult, last: unknown): unknown;
}

export function buildPaginator(context: BuildContext, paginator: Component | undefined): Paginator {
  if (paginator === undefined || typeOf(paginator) === 'NoPagination') return noPagination();
  const strategy = buildStrategy(context, childComponent(paginator, 'pagination_strategy') ?? {});
  const tokenOption = childComponent(paginator, 'page_token_option');
  const sizeOption = childComponent(paginator, 'page_size_option');
  const tokenInjection =
    tokenOption === undefined || typeOf(tokenOption) === 'RequestPath'
      ? undefined
      : buildRequestOption(context, tokenOption);
  const sizeInjection = sizeOption === undefined ? undefined : buildRequestOption(context, sizeOption);
  const state = (token: unknown): PageState => {
    const parts: RequestParts[] = [];
    if (sizeInjection !== undefined && strategy.pageSize !== undefined)
      parts.push(injectInto(sizeInjection.injectInto, sizeInjection.field, strategy.pageSize));
    if (token !== undefined && token !== null) {
      if (typeOf(tokenOption) === 'RequestPath') parts.push({ path: asText(token) });
      else if (tokenInjection !== undefined)
        parts.push(injectInto(tokenInjection.injectInto, tokenInjection.field, token));
    }
    return {
      nextPageToken: token === undefined || token === null ? {} : { next_page_token: token },
      parts: mergeParts(...parts),
    };
  };
  const description = typeOf(childComponent(paginator, 'pagination_strategy')) ?? 'pagination';
  return {
    description,
    start() {
      let token: unknown = strategy.initial;
      let current = state(token);
      const seen = new Set<string>();
      return {
        current: () => ({ token: current }),
        advance(page) {
          const next = strategy.next(page, token);
          if (next === undefined || next === null || next === '') return false;
          const key = JSON.stringify(next);
          if (seen.has(key)) {
            throw new ConnectorError({
              message: `The API returned the page token ${key.slice(0, 60)} twice (${description}). Stopped to avoid an endless loop.`,
              failureType: 'system_error',
            });
          }
          seen.add(key);
          token = next;
          current = state(token);
          return true;
        },
      };
    },
  };
}

function integer(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number)) throw manifestError(`${what} must be an integer (got ${JSON.stringify(value)}).`);
  return number;
}

function buildStrategy(context: BuildContext, strategy: Component): Strategy {
  const pageSize = integer(evaluate(context, strategy, strategy.page_size), `${String(strategy.type)}.page_size`);
  const injectFirst = strategy.inject_on_first_request === true;
  switch (typeOf(strategy)) {
    case 'PageIncrement': {
      const startFrom =
        integer(evaluate(context, strategy, strategy.start_from_page), 'PageIncrement.start_from_page') ?? 0;
      return {
        initial: injectFirst ? startFrom : undefined,
        pageSize,
        next: (page, last) => {
          if ((pageSize !== undefined && page.count < pageSize) || page.count === 0) return undefined;
          return typeof last === 'number' ? last + 1 : startFrom + 1;
        },
      };
    }
    case 'OffsetIncrement':
      return {
        initial: injectFirst ? 0 : undefined,
        pageSize,
        next: (page, last) => {
          if ((pageSize !== undefined && page.count < pageSize) || page.count === 0) return undefined;
          return (typeof last === 'number' ? last : 0) + page.count;
        },
      };
    case 'CursorPagination':
      return {
        initial: undefined,
        pageSize,
        next: (page) => {
          const values = pageTemplateContext(page);
          if (
            strategy.stop_condition !== undefined &&
            evaluateCondition(context, strategy, strategy.stop_condition, values)
          )
            return undefined;
          const token = evaluate(context, strategy, strategy.cursor_value, values);
          return token === '' || token === false || token === 0 ? undefined : token;
        },
      };
    default:
      throw manifestError(`The pagination strategy ${String(strategy.type)} is not supported by this runtime.`);
  }
}

/** What a pagination template sees: `response` (values beside the records), `headers` (with `link` parsed), … */
export function pageTemplateContext(page: PageResult): JsonRecord {
  const headers: JsonRecord = { ...page.headers };
  const link = page.headers.link;
  if (link !== undefined) headers.link = parseLinkHeader(link);
  return {
    response: page.envelope,
    headers,
    last_record: page.last === undefined ? null : (JSON.parse(page.last) as unknown),
    last_page_size: page.count,
  };
}

/** `<url>; rel="next", …` as `{ next: { url, rel } }`, as Python's requests gives `response.links`. */
export function parseLinkHeader(value: string): Record<string, Record<string, string>> {
  const links: Record<string, Record<string, string>> = {};
  for (const part of value.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match === null) continue;
    const link: Record<string, string> = { url: match[1] ?? '' };
    for (const param of (match[2] ?? '').split(';')) {
      const [key, raw] = param.split('=');
      if (key === undefined || raw === undefined) continue;
      link[key.trim()] = raw.trim().replace(/^"|"$/g, '');
    }
    links[link.rel ?? match[1] ?? ''] = link;
  }
  return links;
}
