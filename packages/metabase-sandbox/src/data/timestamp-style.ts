// How the application database shapes the timestamps Metabase sends. Records are generated with millisecond UTC
// instants (`…T10:11:12.123Z`); a flavour rewrites every such string in a body the way that database gives it back.
import { hash32 } from '../prng.js';
import type { AppDatabase } from '../types.js';

/** The offset H2-backed instances send (the JVM's zone) and the zone of MySQL's offset-less wall times. */
export const H2_OFFSET_MINUTES = -7 * 60;
export const MYSQL_ZONE_OFFSET_MINUTES = -5 * 60;

const GENERATED = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})Z"/g;

/** Three more fractional digits, the same for the same instant (so equal instants stay equal). */
function microDigits(ms: number): string {
  return String(hash32(7, ms % 0x7fffffff, Math.floor(ms / 0x7fffffff)) % 1000).padStart(3, '0');
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `ms` as the wall time at `offsetMinutes`, with microseconds and without any offset. */
function wallTime(ms: number, offsetMinutes: number): string {
  return `${new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23)}${microDigits(ms)}`;
}

/**
 * postgres: microseconds and `Z` (`2024-03-05T10:11:12.123456Z`); h2: microseconds and an offset (`-07:00`);
 * mysql: microseconds and no offset at all, wall time at UTC-05:00 (a `datetime` column, metabase#33577).
 */
export function timestampRewriter(appDb: AppDatabase): (text: string) => string {
  const style = (ms: number): string => {
    if (appDb === 'postgres') return `${new Date(ms).toISOString().slice(0, 23)}${microDigits(ms)}Z`;
    if (appDb === 'h2') return `${wallTime(ms, H2_OFFSET_MINUTES)}${offsetText(H2_OFFSET_MINUTES)}`;
    return wallTime(ms, MYSQL_ZONE_OFFSET_MINUTES);
  };
  return (text) => text.replace(GENERATED, (_match, instant: string) => `"${style(Date.parse(`${instant}Z`))}"`);
}
