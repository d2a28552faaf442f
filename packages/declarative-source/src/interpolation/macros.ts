/**
 * The CDK's interpolation macros and filters (now_utc, day_delta, format_datetime, duration, hash, base64encode, …),
 * as template globals. The clock is injected, so tests and a run share one notion of "now".
 */
import { createHash, createHmac } from 'node:crypto';
import { addDuration, parseIsoDuration } from './iso-duration.js';
import { rawFunction, splitKeywordArguments, type RuntimeValue } from './jinja-runtime.js';
import { fromDate, inUtc, parseDateTime, strftime, type PyDateTime } from './python-datetime.js';
import { parseDateTimeWithFormat } from './python-strptime.js';
import { datetimeObject, plainDatetime, plainTimedelta, timedeltaObject } from './python-objects.js';
import { pythonStrOf } from './python-repr.js';

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  const json: unknown = JSON.stringify(value);
  return typeof json === 'string' ? json : '';
}

export class InterpolationError extends Error {
  override name = 'InterpolationError';
}

function toDatetime(value: unknown, inputFormat?: unknown): PyDateTime {
  const given = plainDatetime(value);
  if (given !== undefined) return given;
  const parsed = typeof inputFormat === 'string' ? parseDateTimeWithFormat(value, inputFormat) : parseDateTime(value);
  if (parsed === undefined) throw new InterpolationError(`cannot read ${JSON.stringify(value)} as a date-time`);
  return parsed;
}

function compare(values: unknown[], pick: (a: number) => boolean): unknown {
  const list = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
  if (list.length === 0) throw new InterpolationError('max()/min() of nothing');
  return list.reduce((best, item) => {
    const a = plainDatetime(item)?.us ?? item;
    const b = plainDatetime(best)?.us ?? best;
    return pick(typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)))
      ? item
      : best;
  });
}

/** The macros: plain functions of plain values (the runtime converts arguments and results). */
export function macros(now: () => Date): Record<string, RuntimeValue> {
  const plain: Record<string, (args: RuntimeValue[]) => unknown> = {
    now_utc: () => datetimeObject(fromDate(now())),
    today_utc: () => strftime(fromDate(now()), '%Y-%m-%d'),
    today_with_timezone: (args) => {
      const [[zone]] = splitKeywordArguments(args);
      return new Intl.DateTimeFormat('en-CA', {
        timeZone: String(zone),
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(now());
    },
    timestamp: (args) => {
      const [[value]] = splitKeywordArguments(args);
      if (typeof value === 'number') return Math.trunc(value);
      return toDatetime(value).us / 1_000_000;
    },
    str_to_datetime: (args) => datetimeObject(inUtc(toDatetime(splitKeywordArguments(args)[0][0]))),
    max: (args) => compare(splitKeywordArguments(args)[0], (d) => d > 0),
    min: (args) => compare(splitKeywordArguments(args)[0], (d) => d < 0),
    day_delta: (args) => {
      const [[days, positionalFormat], keywords] = splitKeywordArguments(args);
      const format = keywords.format ?? positionalFormat ?? '%Y-%m-%dT%H:%M:%S.%f%z';
      const dt = fromDate(now());
      return strftime({ us: dt.us + Number(days) * 86_400_000_000, offsetMin: 0 }, str(format));
    },
    duration: (args) => {
      const text = String(splitKeywordArguments(args)[0][0]);
      const parsed = parseIsoDuration(text);
      if (parsed === undefined)
        throw new InterpolationError(`duration(${JSON.stringify(text)}) is not an ISO 8601 duration`);
      return timedeltaObject(parsed.us, parsed.months);
    },
    format_datetime: (args) => {
      const [[value, format, positionalInput], keywords] = splitKeywordArguments(args);
      return strftime(toDatetime(value, keywords.input_format ?? positionalInput), str(keywords.format ?? format));
    },
  };
  const out: Record<string, RuntimeValue> = {};
  for (const [name, fn] of Object.entries(plain)) out[name] = rawFunction(fn);
  out.__datetime_op = rawFunction(datetimeOperation);
  return out;
}

/** `a + b` / `a - b` where one side is a datetime or a duration (the runtime has no such operators). */
function datetimeOperation(args: RuntimeValue[]): unknown {
  const [[operator, left, right]] = splitKeywordArguments(args);
  const sign = operator === '-' ? -1 : 1;
  const leftDt = plainDatetime(left);
  const rightDelta = plainTimedelta(right);
  if (leftDt !== undefined && rightDelta !== undefined) return datetimeObject(addDuration(leftDt, rightDelta, sign));
  const rightDt = plainDatetime(right);
  if (leftDt !== undefined && rightDt !== undefined && sign === -1) return timedeltaObject(leftDt.us - rightDt.us);
  const leftDelta = plainTimedelta(left);
  if (leftDelta !== undefined && rightDt !== undefined && sign === 1)
    return datetimeObject(addDuration(rightDt, leftDelta));
  if (typeof left === 'number' && typeof right === 'number') return left + sign * right;
  if (typeof left === 'string' && typeof right === 'string' && sign === 1) return left + right;
  throw new InterpolationError(`unsupported operation: ${typeof left} ${String(operator)} ${typeof right}`);
}

/** The CDK's filters, called as `__filter_<name>(value, …)` (templates are rewritten to call them). */
export function filters(): Record<string, RuntimeValue> {
  const text = (value: RuntimeValue | undefined): string => (value === undefined ? '' : pythonStrOf(value));
  const plain: Record<string, (args: RuntimeValue[]) => unknown> = {
    string: ([value]) =>
      value?.type === 'StringValue'
        ? value.value
        : `"""${JSON.stringify(splitKeywordArguments(value === undefined ? [] : [value])[0][0])}"""`,
    hash: (args) => {
      const [[, type, salt], keywords] = splitKeywordArguments(args);
      const algorithm = str(keywords.hash_type ?? type ?? 'md5');
      const hash = createHash(algorithm).update(text(args[0]));
      const saltValue = keywords.salt ?? salt;
      if (saltValue !== undefined && saltValue !== null && saltValue !== '') hash.update(str(saltValue));
      return hash.digest('hex');
    },
    base64encode: ([value]) => Buffer.from(text(value), 'utf8').toString('base64'),
    base64decode: ([value]) => Buffer.from(text(value), 'base64').toString('utf8'),
    base64binascii_decode: ([value]) => Buffer.from(text(value), 'ascii').toString('base64'),
    regex_search: ([value, pattern]) => new RegExp(text(pattern)).exec(text(value))?.[1] ?? '',
    hmac: (args) => {
      const [[, key, type]] = splitKeywordArguments(args);
      if ((type ?? 'sha256') !== 'sha256')
        throw new InterpolationError(`hmac: hash type '${String(type)}' is not allowed (only sha256)`);
      return createHmac('sha256', String(key)).update(text(args[0])).digest('hex');
    },
  };
  const out: Record<string, RuntimeValue> = {};
  for (const [name, fn] of Object.entries(plain)) out[`__filter_${name}`] = rawFunction(fn);
  return out;
}
