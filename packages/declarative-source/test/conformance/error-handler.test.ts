// Conformance of the error handling components, from the component schema's documentation: DefaultErrorHandler,
// CompositeErrorHandler, HttpResponseFilter (http_codes, error_message_contains, predicate; actions and failure
// types) and the backoff strategies (what they wait, and when they give up).
import { afterEach, describe, expect, it } from 'vitest';
import { buildBackoff } from '../../src/build/build-backoff.js';
import { createBuildContext } from '../../src/build/build-context.js';
import {
  ids,
  manifestWith,
  readManifest,
  requester,
  startApi,
  type ApiServer,
  type Reply,
  type SeenRequest,
} from '../support/api-server.js';

let api: ApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const fast = { type: 'ConstantBackoffStrategy', backoff_time_in_seconds: 0.001 };
const byId = (request: SeenRequest): string => request.path.split('/').pop() ?? '';
/** One request per id in the list (ListPartitionRouter), `/items/<id>`. */
function perId(errorHandler: Record<string, unknown>, values = ['1', '2', '3']): Record<string, unknown> {
  return manifestWith({
    requester: requester(api?.url ?? '', { path: '/items/{{ stream_partition.id }}', error_handler: errorHandler }),
    partition_router: { type: 'ListPartitionRouter', cursor_field: 'id', values },
  });
}
/** Per id, the replies to give in turn; then (or for other ids) the id's record. */
const answer = (replies: Record<string, Reply[]>): ((request: SeenRequest) => Reply) => {
  const used = new Map<string, number>();
  return (request) => {
    const id = byId(request);
    const index = used.get(id) ?? 0;
    used.set(id, index + 1);
    return replies[id]?.[index] ?? { body: { data: [{ id: Number(id) }] } };
  };
};
const errorOf = (
  output: Awaited<ReturnType<typeof readManifest>>,
): { failure_type?: string | null; message: string } | undefined => {
  const trace = output.traces.find((t) => t.type === 'ERROR' && t.error.stream_descriptor);
  return trace?.type === 'ERROR' ? trace.error : undefined;
};

describe('DefaultErrorHandler + HttpResponseFilter', () => {
  it('IGNORE by http_codes: the partition gives no records, the others are read', async () => {
    api = await startApi(answer({ '2': [{ status: 404, body: { message: 'gone' } }] }));
    const output = await readManifest(
      perId({
        type: 'DefaultErrorHandler',
        response_filters: [{ type: 'HttpResponseFilter', action: 'IGNORE', http_codes: [404] }],
      }),
    );
    expect([output.exitCode, ids(output)]).toEqual([0, [1, 3]]);
  });

  it('RETRY by error_message_contains on a status that would fail, waiting as the backoff strategy says', async () => {
    api = await startApi(
      answer({
        '1': [
          { status: 400, body: { error: 'rate limit reached' } },
          { status: 400, body: { error: 'rate limit reached' } },
        ],
      }),
    );
    const handler = {
      type: 'DefaultErrorHandler',
      backoff_strategies: [fast],
      response_filters: [{ type: 'HttpResponseFilter', action: 'RETRY', error_message_contains: 'rate limit' }],
    };
    const output = await readManifest(perId(handler));
    expect([output.exitCode, ids(output)]).toEqual([0, [1, 2, 3]]);
    expect(api.requests.map(byId)).toEqual(['1', '1', '1', '2', '3']);
  });

  it('FAIL by predicate, with its failure_type and an error_message that reads the response', async () => {
    api = await startApi(
      answer({ '1': [{ status: 400, body: { error: { code: 'bad_key', text: 'the key is revoked' } } }] }),
    );
    const filter = {
      type: 'HttpResponseFilter',
      action: 'FAIL',
      failure_type: 'config_error',
      predicate: "{{ response.error.code == 'bad_key' }}",
      error_message: 'Rejected: {{ response.error.text }}',
    };
    const output = await readManifest(perId({ type: 'DefaultErrorHandler', response_filters: [filter] }, ['1']));
    expect(output.exitCode).toBe(1);
    expect(errorOf(output)).toMatchObject({
      failure_type: 'config_error',
      message: expect.stringContaining('Rejected: the key is revoked') as unknown,
    });
    expect(api.requests).toHaveLength(1);
  });

  it('max_retries bounds the attempts (max_retries + 1), then the stream fails as transient', async () => {
    api = await startApi(() => ({ status: 503, body: {} }));
    const output = await readManifest(
      perId({ type: 'DefaultErrorHandler', max_retries: 2, backoff_strategies: [fast] }, ['1']),
    );
    expect(api.requests).toHaveLength(3);
    expect(errorOf(output)?.failure_type).toBe('transient_error');
  });

  it('without a matching filter, the default mapping applies (403 fails as config_error without retries)', async () => {
    api = await startApi(() => ({ status: 403, body: {} }));
    const output = await readManifest(
      perId(
        {
          type: 'DefaultErrorHandler',
          response_filters: [{ type: 'HttpResponseFilter', action: 'IGNORE', http_codes: [404] }],
        },
        ['1'],
      ),
    );
    expect([api.requests.length, errorOf(output)?.failure_type]).toEqual([1, 'config_error']);
  });
});

describe('CompositeErrorHandler', () => {
  it('asks each handler in turn: the first ignores 404, the second retries 500', async () => {
    api = await startApi(
      answer({ '1': [{ status: 404, body: {} }], '2': [{ status: 500, body: {} }, { body: { data: [{ id: 2 }] } }] }),
    );
    const handler = {
      type: 'CompositeErrorHandler',
      error_handlers: [
        {
          type: 'DefaultErrorHandler',
          response_filters: [{ type: 'HttpResponseFilter', action: 'IGNORE', http_codes: [404] }],
        },
        {
          type: 'DefaultErrorHandler',
          backoff_strategies: [fast],
          response_filters: [{ type: 'HttpResponseFilter', action: 'RETRY', http_codes: [500] }],
        },
      ],
    };
    const output = await readManifest(perId(handler));
    expect([output.exitCode, ids(output)]).toEqual([0, [2, 3]]);
    expect(api.requests.map(byId)).toEqual(['1', '2', '2', '3']);
  });
});

describe('backoff strategies', () => {
  const context = createBuildContext({ factor: 2 }, () => new Date('2024-01-01T00:00:00Z'));
  const wait = (
    strategy: Record<string, unknown>,
    attempt: number,
    headers: Record<string, string> = {},
  ): number | undefined => buildBackoff(context, strategy)({ attempt, status: 429, headers });

  it('ExponentialBackoffStrategy waits factor * 2^attempt seconds (factor interpolated, default 5)', () => {
    expect(
      [1, 2, 3].map((n) => wait({ type: 'ExponentialBackoffStrategy', factor: "{{ config['factor'] }}" }, n)),
    ).toEqual([4000, 8000, 16000]);
    expect(wait({ type: 'ExponentialBackoffStrategy' }, 1)).toBe(10000);
  });

  it('ConstantBackoffStrategy waits backoff_time_in_seconds', () => {
    expect(wait({ type: 'ConstantBackoffStrategy', backoff_time_in_seconds: 2.5 }, 3)).toBe(2500);
  });

  it('WaitTimeFromHeader reads seconds from the header (through regex), defers without it, fails past max_waiting_time_in_seconds', () => {
    const strategy = { type: 'WaitTimeFromHeader', header: 'X-Retry-In', regex: '([-+]?\\d+)s' };
    expect(wait(strategy, 1, { 'x-retry-in': 'wait 12s' })).toBe(12000);
    expect(wait(strategy, 1)).toBeUndefined();
    expect(() => wait({ ...strategy, max_waiting_time_in_seconds: 5 }, 1, { 'x-retry-in': '12s' })).toThrow(
      /longer than the manifest's limit of 5 s/,
    );
  });

  it('WaitUntilTimeFromHeader waits until the epoch second in the header, at least min_wait', () => {
    const strategy = { type: 'WaitUntilTimeFromHeader', header: 'X-Reset', min_wait: 1 };
    expect(wait(strategy, 1, { 'x-reset': String(Date.parse('2024-01-01T00:00:30Z') / 1000) })).toBe(30000);
    expect(wait(strategy, 1, { 'x-reset': String(Date.parse('2023-12-31T23:59:00Z') / 1000) })).toBe(1000);
  });
});
