/**
 * Python `datetime` and `timedelta` objects as template values: mappings carrying a marker (so macros and the printer
 * recognise them) and the methods manifests call (`strftime`, `isoformat`, `timestamp`, `total_seconds`, …).
 */
import { epochSeconds, fieldsOf, isoformat, strftime, type PyDateTime } from './python-datetime.js';

export const datetimeMarker = '__py_datetime__';
export const timedeltaMarker = '__py_timedelta__';

export function datetimeObject(dt: PyDateTime): Record<string, unknown> {
  const { date, microsecond } = fieldsOf(dt);
  return {
    [datetimeMarker]: [dt.us, dt.offsetMin],
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    microsecond,
    strftime: (format: unknown) => strftime(dt, String(format)),
    isoformat: () => isoformat(dt),
    timestamp: () => epochSeconds(dt),
    date: () => strftime(dt, '%Y-%m-%d'),
  };
}

export function timedeltaObject(us: number, months = 0): Record<string, unknown> {
  return {
    [timedeltaMarker]: us,
    months,
    days: Math.floor(us / 86_400_000_000),
    seconds: Math.floor((us % 86_400_000_000) / 1_000_000),
    total_seconds: () => us / 1_000_000,
  };
}

/** A datetime or timedelta value given back to a macro (as plain data), if it is one. */
export function plainDatetime(value: unknown): PyDateTime | undefined {
  const marker = (value as Record<string, unknown> | null)?.[datetimeMarker];
  return Array.isArray(marker) ? { us: Number(marker[0]), offsetMin: Number(marker[1]) } : undefined;
}

export function plainTimedelta(value: unknown): { us: number; months: number } | undefined {
  const record = value as Record<string, unknown> | null;
  const marker = record?.[timedeltaMarker];
  return typeof marker === 'number' ? { us: marker, months: Number(record?.months ?? 0) } : undefined;
}
