// Field fingerprints in Metabase's shape: {global: {...}, type: {"type/Number" | "type/Text" | "type/DateTime": {...}}}.
import { between, unit } from '../prng.js';
import { iso, momentAt } from './time.js';

const KIND = 31;

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function fingerprintFor(
  seed: number,
  fieldId: number,
  baseType: string,
  semanticType: string | null,
): Record<string, unknown> | null {
  const r = (k: number): number => unit(seed, KIND, fieldId, k);
  if (semanticType === 'type/PK') return null;
  const global = { 'distinct-count': between(r(1), 1, 20_000), 'nil%': round(r(2) * 0.1, 3) };
  if (baseType === 'type/Text' || baseType === 'type/JSON') {
    return {
      global,
      type: {
        'type/Text': {
          'percent-json': baseType === 'type/JSON' ? 1 : 0,
          'percent-url': semanticType === 'type/URL' ? 1 : 0,
          'percent-email': semanticType === 'type/Email' ? 1 : 0,
          'percent-state': semanticType === 'type/State' ? 1 : 0,
          'average-length': round(4 + r(3) * 40, 1),
        },
      },
    };
  }
  if (baseType.startsWith('type/Date')) {
    const earliest = momentAt(r(4) * 0.3, r(5));
    return {
      global,
      type: { 'type/DateTime': { earliest: iso(earliest), latest: iso(momentAt(0.7 + r(6) * 0.3, r(7))) } },
    };
  }
  if (baseType === 'type/Boolean') return { global: { ...global, 'distinct-count': 2 }, type: null };
  const min = round(r(8) * 10, 2);
  const max = round(min + 10 + r(9) * 5000, 2);
  const q1 = round(min + (max - min) * 0.25 * r(10), 2);
  const q3 = round(q1 + (max - q1) * 0.6, 2);
  return {
    global,
    type: { 'type/Number': { min, q1, q3, max, sd: round((max - min) / 4, 2), avg: round((q1 + q3) / 2, 2) } },
  };
}
