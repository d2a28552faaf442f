/**
 * DatetimeBasedCursor: time windows (`step`, `cursor_granularity`) from the start (the later of start_datetime and the
 * saved cursor less `lookback_window`) to the end (end_datetime or now), each a partition whose start and end are
 * injected where start_time_option and end_time_option say and read by templates as `stream_interval`. The state is
 * `{ <cursor_field>: <the largest record cursor, in datetime_format> }`, as the Python CDK writes it.
 */
import type { Partition, PartitionContext, PartitionRouter } from '@mb-airbyte/http-source-kit';
import { addDuration, parseIsoDuration, type IsoDuration } from '../interpolation/iso-duration.js';
import { fromDate, parseDateTime, strftime, type PyDateTime } from '../interpolation/python-datetime.js';
import { parseDateTimeWithFormat } from '../interpolation/python-strptime.js';
import { manifestError } from '../manifest/manifest-error.js';
import { asText, evaluate, type BuildContext, type JsonRecord } from './build-context.js';
import { buildRequestOption } from './build-request-option.js';
import { childComponent, isComponent, type Component } from './component.js';
import { injectInto, mergeParts, requestPartsOf, withRequestParts } from './request-parts.js';

export interface BuiltDatetimeCursor {
  cursorField: string;
  cursorValue: (record: JsonRecord) => unknown;
  cursorFilter: 'client' | 'server';
  /** Time windows, crossed with the retriever's own partitions when it has some. */
  router(inner: PartitionRouter<JsonRecord> | undefined): PartitionRouter<JsonRecord>;
}

export function buildDatetimeCursor(context: BuildContext, cursor: Component, now: () => Date): BuiltDatetimeCursor {
  for (const unsupported of ['is_data_feed', 'clamping', 'global_substream_cursor'] as const) {
    const value = cursor[unsupported];
    if (value !== undefined && value !== false)
      throw manifestError(`DatetimeBasedCursor: ${unsupported} is not supported by this runtime.`);
  }
  const text = (value: unknown): string => asText(evaluate(context, cursor, value));
  const format = text(cursor.datetime_format);
  const cursorField = text(cursor.cursor_field);
  const recordFormats = Array.isArray(cursor.cursor_datetime_formats)
    ? cursor.cursor_datetime_formats.map(text)
    : [format];
  const parse = (value: unknown, formats: readonly string[]): PyDateTime | undefined => {
    for (const candidate of formats) {
      const parsed = parseDateTimeWithFormat(value, candidate);
      if (parsed !== undefined) return parsed;
    }
    return parseDateTime(value);
  };
  const duration = (field: string): IsoDuration | undefined => {
    const value = cursor[field];
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = parseIsoDuration(text(value));
    if (parsed === undefined)
      throw manifestError(`DatetimeBasedCursor: ${field} "${text(value)}" is not an ISO 8601 duration.`);
    return parsed;
  };
  const step = duration('step');
  const granularity = duration('cursor_granularity');
  const lookback = duration('lookback_window');
  const startOption = childComponent(cursor, 'start_time_option');
  const endOption = childComponent(cursor, 'end_time_option');
  const startInjection = startOption === undefined ? undefined : buildRequestOption(context, startOption);
  const endInjection = endOption === undefined ? undefined : buildRequestOption(context, endOption);
  const startField = cursor.partition_field_start === undefined ? 'start_time' : text(cursor.partition_field_start);
  const endField = cursor.partition_field_end === undefined ? 'end_time' : text(cursor.partition_field_end);
  const boundary = (field: 'start_datetime' | 'end_datetime'): PyDateTime | undefined =>
    minMaxDatetime(context, cursor[field], format, parse);

  const windows = (saved: unknown): JsonRecord[] => {
    const savedStart = saved === undefined || saved === null ? undefined : parse(saved, [format, ...recordFormats]);
    const configured = boundary('start_datetime');
    const fromState =
      savedStart === undefined || lookback === undefined ? savedStart : addDuration(savedStart, lookback, -1);
    const start =
      configured === undefined
        ? fromState
        : fromState === undefined || fromState.us < configured.us
          ? configured
          : fromState;
    if (start === undefined) throw manifestError('DatetimeBasedCursor: start_datetime is missing.');
    const end = boundary('end_datetime') ?? fromDate(now());
    const out: JsonRecord[] = [];
    for (let lower = start; lower.us < end.us;) {
      const next = step === undefined ? end : addDuration(lower, step);
      const upper = next.us >= end.us ? end : next;
      const last = upper === end;
      const shownUpper = granularity !== undefined && !last ? addDuration(upper, granularity, -1) : upper;
      const window: JsonRecord = { [startField]: strftime(lower, format), [endField]: strftime(shownUpper, format) };
      const parts = mergeParts(
        startInjection === undefined
          ? undefined
          : injectInto(startInjection.injectInto, startInjection.field, window[startField]),
        endInjection === undefined
          ? undefined
          : injectInto(endInjection.injectInto, endInjection.field, window[endField]),
      );
      out.push(withRequestParts(window, parts));
      if (next.us <= lower.us) throw manifestError('DatetimeBasedCursor: step must be a positive duration.');
      lower = upper;
    }
    return out;
  };

  return {
    cursorField,
    cursorFilter: cursor.is_client_side_incremental === true ? 'client' : 'server',
    cursorValue: (record) => {
      const value = record[cursorField];
      const parsed = value === undefined || value === null ? undefined : parse(value, recordFormats);
      return parsed === undefined ? value : strftime(parsed, format);
    },
    router: (inner) => ({
      concurrency: inner?.concurrency ?? 1,
      ...(inner?.parent === undefined ? {} : { parent: inner.parent }),
      async *partitions(partitionContext: PartitionContext<JsonRecord>) {
        const slices = windows(partitionContext.cursor);
        if (inner === undefined) {
          yield* slices;
          return;
        }
        for await (const partition of inner.partitions(partitionContext)) {
          for (const slice of slices) yield combine(partition, slice);
        }
      },
    }),
  };
}

/** A parent partition and a time window as one slice (both injections kept). */
function combine(partition: Partition, window: Partition): Partition {
  return withRequestParts({ ...partition, ...window }, mergeParts(requestPartsOf(partition), requestPartsOf(window)));
}

/** A start or end: an interpolated string, or a MinMaxDatetime clamped by its min_datetime and max_datetime. */
function minMaxDatetime(
  context: BuildContext,
  value: unknown,
  cursorFormat: string,
  parse: (value: unknown, formats: readonly string[]) => PyDateTime | undefined,
): PyDateTime | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const component = isComponent(value) ? value : { type: 'MinMaxDatetime', datetime: value };
  const format =
    typeof component.datetime_format === 'string' && component.datetime_format !== ''
      ? component.datetime_format
      : cursorFormat;
  const read = (field: string): PyDateTime | undefined => {
    const text = asText(evaluate(context, component, component[field] ?? ''));
    if (text === '') return undefined;
    const parsed = parse(text, [format]);
    if (parsed === undefined)
      throw manifestError(`DatetimeBasedCursor: "${text}" (${field}) does not match the format ${format}.`);
    return parsed;
  };
  let result = read('datetime');
  const min = read('min_datetime');
  const max = read('max_datetime');
  if (result !== undefined && min !== undefined && result.us < min.us) result = min;
  if (result !== undefined && max !== undefined && result.us > max.us) result = max;
  return result;
}
