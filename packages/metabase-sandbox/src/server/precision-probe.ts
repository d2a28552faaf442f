// A test aid: numbers no double can hold, put into every JSON object a route sends, so that a client that parses
// and re-serialises a record (and so rounds them) is caught byte for byte.

/** Integers beyond 2^53 and beyond double range, a long decimal and an underflow: each changes in a round trip. */
export const PRECISION_PROBE =
  '{"beyond_2_53":9007199254740993,"long_integer":12345678901234567890123,"beyond_double":1e400,' +
  '"long_decimal":0.12345678901234567890123456789012345678,"underflow":-4.9e-325}';

const MEMBER = `"precision_probe":${PRECISION_PROBE}`;

/** `text` (valid JSON) with `"precision_probe": {...}` as the first member of every object outside strings. */
export function withPrecisionProbes(text: string): string {
  const out: string[] = [];
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b) {
      out.push(text.slice(from, i + 1), text.charCodeAt(i + 1) === 0x7d ? MEMBER : `${MEMBER},`);
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out.join('');
}
