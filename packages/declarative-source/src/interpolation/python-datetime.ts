/**
 * Python `datetime` values as the CDK's macros and DatetimeBasedCursor use them: an instant in microseconds since the
 * epoch plus the UTC offset it is shown in, formatted with Python's strftime codes and the CDK's extra formats (`%s`,
 * `%ms`, `%s_as_float`, `%epoch_microseconds`, `%_ms`), and parsed from ISO 8601 (with a format: python-strptime.ts).
 */

export interface PyDateTime {
  /** Microseconds since 1970-01-01T00:00:00Z. */
  readonly us: number;
  /** Minutes east of UTC this value is shown in. */
  readonly offsetMin: number;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function fromDate(date: Date, offsetMin = 0): PyDateTime {
  return { us: date.getTime() * 1000, offsetMin };
}

/** The wall-clock fields in the value's own offset. */
export function fieldsOf(dt: PyDateTime): { date: Date; microsecond: number } {
  const localUs = dt.us + dt.offsetMin * 60_000_000;
  const ms = Math.floor(localUs / 1000);
  return { date: new Date(ms), microsecond: ((localUs % 1_000_000) + 1_000_000) % 1_000_000 };
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function offsetText(offsetMin: number, separator: string): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(abs / 60))}${separator}${pad(abs % 60)}`;
}

export function epochSeconds(dt: PyDateTime): number {
  return dt.us / 1_000_000;
}

/** Python's `str(float)` for a timestamp (at least one decimal). */
export function pythonFloatText(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** `dt.strftime(format)` with the CDK's extra formats. */
export function strftime(dt: PyDateTime, format: string): string {
  if (format === '%s') return String(Math.floor(epochSeconds(dt)));
  if (format === '%s_as_float') return pythonFloatText(epochSeconds(dt));
  if (format === '%epoch_microseconds') return String(dt.us);
  if (format === '%ms') return String(Math.floor(dt.us / 1000));
  const { date, microsecond } = fieldsOf(dt);
  const hour12 = date.getUTCHours() % 12 === 0 ? 12 : date.getUTCHours() % 12;
  const dayOfYear = Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const codes: Record<string, () => string> = {
    Y: () => pad(date.getUTCFullYear(), 4),
    y: () => pad(date.getUTCFullYear() % 100),
    m: () => pad(date.getUTCMonth() + 1),
    d: () => pad(date.getUTCDate()),
    H: () => pad(date.getUTCHours()),
    I: () => pad(hour12),
    M: () => pad(date.getUTCMinutes()),
    S: () => pad(date.getUTCSeconds()),
    f: () => pad(microsecond, 6),
    _ms: () => pad(Math.floor(microsecond / 1000), 3),
    z: () => offsetText(dt.offsetMin, ''),
    Z: () => (dt.offsetMin === 0 ? 'UTC' : `UTC${offsetText(dt.offsetMin, ':')}`),
    j: () => pad(dayOfYear, 3),
    a: () => (DAY_NAMES[date.getUTCDay()] ?? '').slice(0, 3),
    A: () => DAY_NAMES[date.getUTCDay()] ?? '',
    b: () => (MONTH_NAMES[date.getUTCMonth()] ?? '').slice(0, 3),
    B: () => MONTH_NAMES[date.getUTCMonth()] ?? '',
    p: () => (date.getUTCHours() < 12 ? 'AM' : 'PM'),
    w: () => String(date.getUTCDay()),
    s: () => String(Math.floor(epochSeconds(dt))),
    '%': () => '%',
  };
  return format.replace(/%(_ms|.)/g, (whole, code: string) => codes[code]?.() ?? whole);
}

/** `str(dt)`: "2024-01-02 03:04:05+00:00", with ".ffffff" when there are microseconds. */
export function pythonStr(dt: PyDateTime): string {
  const fraction = fieldsOf(dt).microsecond === 0 ? '' : '.%f';
  return `${strftime(dt, `%Y-%m-%d %H:%M:%S${fraction}`)}${offsetText(dt.offsetMin, ':')}`;
}

/** `dt.isoformat()`: "2024-01-02T03:04:05+00:00". */
export function isoformat(dt: PyDateTime): string {
  return pythonStr(dt).replace(' ', 'T');
}

/**
 * Parses a date-time the way the CDK's `ab_datetime_parse` does without a format: ISO 8601 / RFC 3339 (date alone,
 * `T` or space, fractions, `Z` or an offset) and Unix timestamps in seconds. A value without an offset is UTC.
 */
export function parseDateTime(value: unknown): PyDateTime | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return { us: Math.round(value * 1_000_000), offsetMin: 0 };
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return { us: Math.round(Number(text) * 1_000_000), offsetMin: 0 };
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/.exec(
      text,
    );
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(d)) return undefined;
  const micro = Number((fraction ?? '').slice(0, 6).padEnd(6, '0'));
  const offsetMin = parseOffset(zone);
  return { us: (ms - offsetMin * 60_000) * 1000 + micro, offsetMin };
}

export function parseOffset(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
}

/** The same instant shown in UTC. */
export function inUtc(dt: PyDateTime): PyDateTime {
  return { us: dt.us, offsetMin: 0 };
}
