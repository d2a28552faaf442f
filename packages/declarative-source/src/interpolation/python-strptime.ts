/** Python's strptime and the CDK's extra parse formats, for `PyDateTime` values (see python-datetime.ts). */
import { MONTH_NAMES, parseOffset, type PyDateTime } from './python-datetime.js';

interface Parsed {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
  pm?: boolean;
  offsetMin: number;
  epoch?: number;
}

type Setter = (parsed: Parsed, text: string) => void;

const monthIndex = (text: string): number =>
  MONTH_NAMES.findIndex((name) => name.toLowerCase().startsWith(text.toLowerCase())) + 1;

const directives: Record<string, [string, Setter]> = {
  Y: ['\\d{4}', (p, t) => (p.year = Number(t))],
  y: ['\\d{2}', (p, t) => (p.year = Number(t) + (Number(t) < 69 ? 2000 : 1900))],
  m: ['\\d{1,2}', (p, t) => (p.month = Number(t))],
  d: ['\\d{1,2}', (p, t) => (p.day = Number(t))],
  H: ['\\d{1,2}', (p, t) => (p.hour = Number(t))],
  I: ['\\d{1,2}', (p, t) => (p.hour = Number(t) % 12)],
  M: ['\\d{1,2}', (p, t) => (p.minute = Number(t))],
  S: ['\\d{1,2}', (p, t) => (p.second = Number(t))],
  f: ['\\d{1,6}', (p, t) => (p.micro = Number(t.padEnd(6, '0')))],
  z: ['Z|[+-]\\d{2}:?\\d{2}(?::?\\d{2})?', (p, t) => (p.offsetMin = parseOffset(t))],
  Z: ['UTC|GMT|Z', () => undefined],
  p: ['AM|PM|am|pm', (p, t) => (p.pm = t.toUpperCase() === 'PM')],
  b: ['[A-Za-z]{3}', (p, t) => (p.month = monthIndex(t))],
  B: ['[A-Za-z]{3,9}', (p, t) => (p.month = monthIndex(t))],
  a: ['[A-Za-z]{3}', () => undefined],
  A: ['[A-Za-z]{6,9}', () => undefined],
  j: ['\\d{1,3}', (p, t) => ((p.month = 1), (p.day = Number(t)))],
  s: ['-?\\d+', (p, t) => (p.epoch = Number(t))],
  '%': ['%', () => undefined],
};

const compiled = new Map<string, [RegExp, Setter[]]>();

function compile(format: string): [RegExp, Setter[]] {
  let cached = compiled.get(format);
  if (cached !== undefined) return cached;
  const setters: Setter[] = [];
  let pattern = '';
  for (let index = 0; index < format.length; index++) {
    const char = format[index] ?? '';
    const code = char === '%' ? format[index + 1] : undefined;
    const directive = code === undefined ? undefined : directives[code];
    if (directive !== undefined) {
      pattern += `(${directive[0]})`;
      setters.push(directive[1]);
      index++;
    } else {
      pattern += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  cached = [new RegExp(`^${pattern}$`), setters];
  compiled.set(format, cached);
  return cached;
}

/** Python's `datetime.strptime` for the common codes; a value without an offset is UTC. */
export function parseWithFormat(text: string, format: string): PyDateTime | undefined {
  const [pattern, setters] = compile(format);
  const match = pattern.exec(text);
  if (match === null) return undefined;
  const parsed: Parsed = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0, offsetMin: 0 };
  setters.forEach((set, index) => {
    set(parsed, match[index + 1] ?? '');
  });
  if (parsed.epoch !== undefined) return { us: parsed.epoch * 1_000_000, offsetMin: 0 };
  if (parsed.pm === true) parsed.hour += 12;
  const ms = Date.UTC(parsed.year, parsed.month - 1, parsed.day, parsed.hour, parsed.minute, parsed.second);
  const check = new Date(ms);
  if (Number.isNaN(ms) || (format.includes('%j') ? false : check.getUTCDate() !== parsed.day)) return undefined;
  return { us: (ms - parsed.offsetMin * 60_000) * 1000 + parsed.micro, offsetMin: parsed.offsetMin };
}

/** Parses with a Python format (and the CDK's extra formats); undefined when the text does not fit it. */
export function parseDateTimeWithFormat(value: unknown, format: string): PyDateTime | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
  if (text === undefined) return undefined;
  if (format === '%s' || format === '%s_as_float') {
    return /^-?\d+(\.\d+)?$/.test(text.trim()) ? { us: Math.round(Number(text) * 1_000_000), offsetMin: 0 } : undefined;
  }
  if (format === '%ms') return /^-?\d+$/.test(text.trim()) ? { us: Number(text) * 1000, offsetMin: 0 } : undefined;
  if (format === '%epoch_microseconds')
    return /^-?\d+$/.test(text.trim()) ? { us: Number(text), offsetMin: 0 } : undefined;
  return parseWithFormat(text, format.replace('%_ms', '%f'));
}
