// Conformance of the paginators, from the component schema's documentation: DefaultPaginator with PageIncrement,
// OffsetIncrement and CursorPagination, the token placed by RequestOption or RequestPath, NoPagination. Each test
// checks the requests sent, the records out and where the reading stops.
import { afterEach, describe, expect, it } from 'vitest';
import {
  ids,
  manifestWith,
  readManifest,
  requester,
  startApi,
  type ApiServer,
  type SeenRequest,
} from '../support/api-server.js';

const items = Array.from({ length: 25 }, (_, index) => ({ id: index + 1 }));
let api: ApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const page = (from: number, size: number): { id: number }[] => items.slice(from, from + size);
const query = (request: SeenRequest): Record<string, string> => Object.fromEntries(request.query);

describe('NoPagination', () => {
  it('sends one request and reads its records', async () => {
    api = await startApi(() => ({ body: { data: page(0, 30) } }));
    const output = await readManifest(
      manifestWith({ requester: requester(api.url), paginator: { type: 'NoPagination' } }),
    );
    expect(api.requests.map((r) => r.path)).toEqual(['/items']);
    expect(ids(output)).toEqual(items.map((i) => i.id));
  });
});

describe('DefaultPaginator + PageIncrement', () => {
  it('starts at start_from_page when inject_on_first_request, adds page_size to every request, stops at a short page', async () => {
    api = await startApi((r) => ({
      body: { data: page((Number(r.query.get('page')) - 1) * 10, Number(r.query.get('per_page'))) },
    }));
    const paginator = {
      type: 'DefaultPaginator',
      pagination_strategy: { type: 'PageIncrement', page_size: 10, start_from_page: 1, inject_on_first_request: true },
      page_token_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'page' },
      page_size_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'per_page' },
    };
    const output = await readManifest(manifestWith({ requester: requester(api.url), paginator }));
    expect(api.requests.map(query)).toEqual([
      { per_page: '10', page: '1' },
      { per_page: '10', page: '2' },
      { per_page: '10', page: '3' },
    ]);
    expect(ids(output)).toEqual(items.map((i) => i.id));
  });

  it('without inject_on_first_request, the first request has no page and the next one asks for start_from_page + 1', async () => {
    api = await startApi((r) => ({ body: { data: r.headers['x-page'] === undefined ? page(0, 5) : [] } }));
    const paginator = {
      type: 'DefaultPaginator',
      pagination_strategy: { type: 'PageIncrement', page_size: 5 },
      page_token_option: { type: 'RequestOption', inject_into: 'header', field_name: 'X-Page' },
    };
    const output = await readManifest(manifestWith({ requester: requester(api.url), paginator }));
    expect(api.requests.map((r) => r.headers['x-page'])).toEqual([undefined, '1']);
    expect(ids(output)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('DefaultPaginator + OffsetIncrement', () => {
  it('moves the offset by the records read and stops at a page shorter than page_size', async () => {
    api = await startApi((r) => ({
      body: { data: page(Number(r.query.get('offset') ?? 0), Number(r.query.get('limit'))) },
    }));
    const paginator = {
      type: 'DefaultPaginator',
      pagination_strategy: { type: 'OffsetIncrement', page_size: 10 },
      page_token_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'offset' },
      page_size_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'limit' },
    };
    const output = await readManifest(manifestWith({ requester: requester(api.url), paginator }));
    expect(api.requests.map(query)).toEqual([
      { limit: '10' },
      { limit: '10', offset: '10' },
      { limit: '10', offset: '20' },
    ]);
    expect(ids(output)).toEqual(items.map((i) => i.id));
  });

  it('without page_size, stops at the first empty page', async () => {
    api = await startApi((r) => ({ body: { data: page(Number(r.query.get('offset') ?? 0), 10) } }));
    const paginator = {
      type: 'DefaultPaginator',
      pagination_strategy: { type: 'OffsetIncrement', inject_on_first_request: true },
      page_token_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'offset' },
    };
    const output = await readManifest(manifestWith({ requester: requester(api.url), paginator }));
    expect(api.requests.map((r) => r.query.get('offset'))).toEqual(['0', '10', '20', '25']);
    expect(output.records).toHaveLength(25);
  });
});

describe('DefaultPaginator + CursorPagination', () => {
  it('takes the cursor from the response, stops on stop_condition, and puts the token in the body JSON', async () => {
    api = await startApi((r) => {
      const after = (JSON.parse(r.body || '{}') as { cursor?: string }).cursor;
      const from = after === undefined ? 0 : Number(after);
      return { body: { data: page(from, 10), meta: { next: String(from + 10), has_more: from + 10 < 25 } } };
    });
    const paginator = {
      type: 'DefaultPaginator',
      pagination_strategy: {
        type: 'CursorPagination',
        cursor_value: '{{ response.meta.next }}',
        stop_condition: '{{ not response.meta.has_more }}',
      },
      page_token_option: { type: 'RequestOption', inject_into: 'body_json', field_name: 'cursor' },
    };
    const output = await readManifest(
      manifestWith({ requester: requester(api.url, { http_method: 'POST' }), paginator }),
    );
    expect(api.requests.map((r) => r.body)).toEqual(['', '{"cursor":10}', '{"cursor":20}']);
    expect(ids(output)).toEqual(items.map((i) => i.id));
  });

  it('follows a next-page URL from the Link header with RequestPath', async () => {
    api = await startApi((r) => {
      const from = Number(r.query.get('from') ?? 0);
      const headers: Record<string, string> =
        from + 10 < 25 ? { link: `<${api?.url ?? ''}/items?from=${from + 10}>; rel="next"` } : {};
      return { headers, body: { data: page(from, 10) } };
    });
    const paginator = {
      type: 'DefaultPaginator',
      pagination_strategy: {
        type: 'CursorPagination',
        cursor_value: "{{ headers['link']['next']['url'] }}",
        stop_condition: "{{ 'next' not in headers['link'] }}",
      },
      page_token_option: { type: 'RequestPath' },
    };
    const output = await readManifest(manifestWith({ requester: requester(api.url), paginator }));
    expect(api.requests.map((r) => r.path)).toEqual(['/items', '/items?from=10', '/items?from=20']);
    expect(ids(output)).toEqual(items.map((i) => i.id));
  });

  it('ends when cursor_value renders empty, using last_record', async () => {
    api = await startApi((r) => ({
      body: { data: items.filter((i) => i.id > Number(r.query.get('after') ?? 0)).slice(0, 10) },
    }));
    const paginator = {
      type: 'DefaultPaginator',
      pagination_strategy: {
        type: 'CursorPagination',
        cursor_value: "{{ last_record['id'] if last_page_size == 10 else '' }}",
      },
      page_token_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'after' },
    };
    const output = await readManifest(manifestWith({ requester: requester(api.url), paginator }));
    expect(api.requests.map((r) => r.query.get('after'))).toEqual([null, '10', '20']);
    expect(ids(output)).toEqual(items.map((i) => i.id));
  });

  it('stops with a system_error when the API hands out the same cursor twice', async () => {
    api = await startApi(() => ({ body: { data: page(0, 2), next: 'again' } }));
    const paginator = {
      type: 'DefaultPaginator',
      pagination_strategy: { type: 'CursorPagination', cursor_value: '{{ response.next }}' },
      page_token_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'cursor' },
    };
    const output = await readManifest(manifestWith({ requester: requester(api.url), paginator }));
    expect(output.exitCode).toBe(1);
    expect(api.requests).toHaveLength(2);
    expect(output.traces.find((t) => t.type === 'ERROR')?.error).toMatchObject({
      failure_type: 'system_error',
      message: expect.stringContaining('"again" twice') as unknown,
    });
  });
});
