import type { PyDateTime } from './python-datetime.js';

/** An ISO 8601 duration: calendar months (years count 12) plus an exact number of microseconds. */
export interface IsoDuration {
  readonly months: number;
  readonly us: number;
}

const DURATION =
  /^([+-])?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Parses "P1D", "PT30M", "P1Y2M", "P2W"; undefined for anything else. */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const match = DURATION.exec(text.trim());
  if (match === null || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const number = (index: number): number => Number((match[index] ?? '0').replace(',', '.'));
  const sign = match[1] === '-' ? -1 : 1;
  const months = number(2) * 12 + number(3);
  const seconds = number(4) * 7 * 86_400 + number(5) * 86_400 + number(6) * 3600 + number(7) * 60 + number(8);
  return { months: sign * months, us: sign * Math.round(seconds * 1_000_000) };
}

/** `dt + duration` (or minus): months move the calendar date (the day clamped to the month's end), then the rest. */
export function addDuration(dt: PyDateTime, duration: IsoDuration, sign: 1 | -1 = 1): PyDateTime {
  let us = dt.us;
  if (duration.months !== 0) {
    const local = new Date(Math.floor((dt.us + dt.offsetMin * 60_000_000) / 1000));
    const target = local.getUTCMonth() + sign * duration.months;
    const year = local.getUTCFullYear() + Math.floor(target / 12);
    const month = ((target % 12) + 12) % 12;
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const moved = Date.UTC(
      year,
      month,
      Math.min(local.getUTCDate(), lastDay),
      local.getUTCHours(),
      local.getUTCMinutes(),
      local.getUTCSeconds(),
      local.getUTCMilliseconds(),
    );
    us = (moved - local.getTime()) * 1000 + dt.us;
  }
  return { us: us + sign * duration.us, offsetMin: dt.offsetMin };
}

/** Python's `str(timedelta)`: "1 day, 2:03:04" style. */
export function timedeltaText(us: number): string {
  const negative = us < 0;
  const total = Math.abs(us);
  const days = Math.floor(total / 86_400_000_000);
  const rest = total - days * 86_400_000_000;
  const seconds = Math.floor(rest / 1_000_000);
  const micro = rest % 1_000_000;
  const clock = `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}${micro === 0 ? '' : `.${String(micro).padStart(6, '0')}`}`;
  const dayText = days === 0 ? '' : `${negative ? '-' : ''}${days} day${days === 1 ? '' : 's'}, `;
  return `${dayText}${clock}`;
}
