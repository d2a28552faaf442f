// Conformance of DatetimeBasedCursor and MinMaxDatetime, from the component schema's documentation: the windows and
// what each request carries, the records out, and the state, shaped as the Python CDK writes it.
import { afterEach, describe, expect, it } from 'vitest';
import { ids, manifestWith, readManifest, requester, startApi, type ApiServer } from '../support/api-server.js';

const records = [
  { id: 1, updated_at: '2024-01-01T05:00:00.000Z' },
  { id: 2, updated_at: '2024-01-02T06:30:00.000Z' },
  { id: 3, updated_at: '2024-01-03T07:45:00.000Z' },
];
const now = (): Date => new Date('2024-01-04T00:00:00Z');
let api: ApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Answers with the records whose updated_at is within [since, until] (inclusive, by instant). */
function windowedApi(): Promise<ApiServer> {
  return startApi((r) => {
    const since = Date.parse(r.query.get('since') ?? '1970-01-01T00:00:00Z');
    const until = Date.parse(r.query.get('until') ?? '2100-01-01T00:00:00Z');
    return {
      body: { data: records.filter((x) => Date.parse(x.updated_at) >= since && Date.parse(x.updated_at) <= until) },
    };
  });
}

const cursor = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'DatetimeBasedCursor',
  cursor_field: 'updated_at',
  datetime_format: '%Y-%m-%dT%H:%M:%SZ',
  cursor_datetime_formats: ['%Y-%m-%dT%H:%M:%S.%fZ'],
  start_datetime: { type: 'MinMaxDatetime', datetime: "{{ config['start_date'] }}", datetime_format: '%Y-%m-%d' },
  start_time_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'since' },
  end_time_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'until' },
  ...extra,
});

const stateOf = (output: Awaited<ReturnType<typeof readManifest>>): unknown =>
  output.states.at(-1)?.stream?.stream_state;
const windowsOf = (server: ApiServer): [string | null, string | null][] =>
  server.requests.map((r) => [r.query.get('since'), r.query.get('until')]);

describe('DatetimeBasedCursor', () => {
  it('reads one window per step (cursor_granularity off each end but the last) and saves the latest cursor in datetime_format', async () => {
    api = await windowedApi();
    const manifest = manifestWith(
      { requester: requester(api.url) },
      { incremental_sync: cursor({ step: 'P1D', cursor_granularity: 'PT1S' }) },
    );
    const output = await readManifest(manifest, { now, config: { start_date: '2024-01-01' }, syncMode: 'incremental' });
    expect(windowsOf(api)).toEqual([
      ['2024-01-01T00:00:00Z', '2024-01-01T23:59:59Z'],
      ['2024-01-02T00:00:00Z', '2024-01-02T23:59:59Z'],
      ['2024-01-03T00:00:00Z', '2024-01-04T00:00:00Z'],
    ]);
    expect(ids(output)).toEqual([1, 2, 3]);
    expect(stateOf(output)).toEqual({ updated_at: '2024-01-03T07:45:00Z' });
    expect(output.records[0]?.data).toEqual(records[0]); // records pass unchanged
  });

  it('starts the next sync at the saved cursor less lookback_window, and emits what the API returns for it', async () => {
    api = await windowedApi();
    const manifest = manifestWith(
      { requester: requester(api.url) },
      { incremental_sync: cursor({ lookback_window: 'P1D' }) },
    );
    const state = [
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'items' }, stream_state: { updated_at: '2024-01-03T07:45:00Z' } },
      },
    ];
    const output = await readManifest(manifest, {
      now,
      config: { start_date: '2024-01-01' },
      syncMode: 'incremental',
      state,
    });
    expect(windowsOf(api)).toEqual([['2024-01-02T07:45:00Z', '2024-01-04T00:00:00Z']]);
    expect(ids(output)).toEqual([3]); // the API filters; record 2 (06:30) is before the window
    expect(stateOf(output)).toEqual({ updated_at: '2024-01-03T07:45:00Z' });
  });

  it('with lookback, a record older than the saved cursor that the API returns is emitted (no client-side filter)', async () => {
    api = await windowedApi();
    const manifest = manifestWith(
      { requester: requester(api.url) },
      { incremental_sync: cursor({ lookback_window: 'P1D' }) },
    );
    const state = [
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'items' }, stream_state: { updated_at: '2024-01-03T00:00:00Z' } },
      },
    ];
    const output = await readManifest(manifest, {
      now,
      config: { start_date: '2024-01-01' },
      syncMode: 'incremental',
      state,
    });
    expect(ids(output)).toEqual([2, 3]);
  });

  it('is_client_side_incremental: the API returns everything, records before the saved cursor are dropped', async () => {
    api = await startApi(() => ({ body: { data: records } }));
    const manifest = manifestWith(
      { requester: requester(api.url) },
      {
        incremental_sync: cursor({
          is_client_side_incremental: true,
          start_time_option: undefined,
          end_time_option: undefined,
        }),
      },
    );
    const state = [
      {
        type: 'STREAM',
        stream: { stream_descriptor: { name: 'items' }, stream_state: { updated_at: '2024-01-02T00:00:00Z' } },
      },
    ];
    const output = await readManifest(manifest, {
      now,
      config: { start_date: '2024-01-01' },
      syncMode: 'incremental',
      state,
    });
    expect(api.requests.map((r) => r.path)).toEqual(['/items']);
    expect(ids(output)).toEqual([2, 3]);
  });

  it('gives templates the window as stream_interval, with partition_field_start/end names', async () => {
    api = await windowedApi();
    const manifest = manifestWith(
      {
        requester: requester(api.url, {
          request_parameters: { since: '{{ stream_interval.from }}', until: '{{ stream_slice.to }}' },
        }),
      },
      {
        incremental_sync: cursor({
          start_time_option: undefined,
          end_time_option: undefined,
          partition_field_start: 'from',
          partition_field_end: 'to',
          step: 'P2D',
          cursor_granularity: 'PT1S',
        }),
      },
    );
    await readManifest(manifest, { now, config: { start_date: '2024-01-01' }, syncMode: 'incremental' });
    expect(windowsOf(api)).toEqual([
      ['2024-01-01T00:00:00Z', '2024-01-02T23:59:59Z'],
      ['2024-01-03T00:00:00Z', '2024-01-04T00:00:00Z'],
    ]);
  });
});

describe('MinMaxDatetime', () => {
  it('clamps the start to min_datetime and the end to max_datetime', async () => {
    api = await windowedApi();
    const manifest = manifestWith(
      { requester: requester(api.url) },
      {
        incremental_sync: cursor({
          start_datetime: {
            type: 'MinMaxDatetime',
            datetime: '2023-06-01T00:00:00Z',
            min_datetime: '2024-01-02T00:00:00Z',
          },
          end_datetime: {
            type: 'MinMaxDatetime',
            datetime: '{{ now_utc().strftime("%Y-%m-%dT%H:%M:%SZ") }}',
            max_datetime: '2024-01-03T00:00:00Z',
          },
        }),
      },
    );
    const output = await readManifest(manifest, { now, syncMode: 'incremental' });
    expect(windowsOf(api)).toEqual([['2024-01-02T00:00:00Z', '2024-01-03T00:00:00Z']]);
    expect(ids(output)).toEqual([2]);
  });
});
