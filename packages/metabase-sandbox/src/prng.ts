// A tiny stateless PRNG: every value is a pure function of (seed, keys), so any record can be
// generated on its own from its index, in any order, at any scale.

function mix32(input: number): number {
  let h = input | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of the seed and up to four integer keys. */
export function hash32(seed: number, a: number, b = 0, c = 0, d = 0): number {
  let h = mix32(seed ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(a | 0, 0x85ebca6b));
  h = mix32(h ^ Math.imul(b | 0, 0xc2b2ae35));
  h = mix32(h ^ Math.imul(c | 0, 0x27d4eb2f));
  h = mix32(h ^ Math.imul(d | 0, 0x165667b1));
  return h;
}

/** A float in [0, 1) from the seed and keys. */
export function unit(seed: number, a: number, b = 0, c = 0, d = 0): number {
  return hash32(seed, a, b, c, d) / 4294967296;
}

/** An integer in [lo, hi] (inclusive) from a unit float. */
export function between(u: number, lo: number, hi: number): number {
  return lo + Math.floor(u * (hi - lo + 1));
}

/** Picks an element of a non-empty list from a unit float. */
export function pick<T>(list: readonly T[], u: number): T {
  const value = list[Math.floor(u * list.length)];
  if (value === undefined) throw new RangeError('pick() needs a non-empty list');
  return value;
}

/** FNV-1a hash of a string, for keys such as request paths. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const NANOID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-';

/** A deterministic 21-character NanoID, like Metabase's `entity_id`. */
export function nanoId(seed: number, kind: number, id: number): string {
  let out = '';
  for (let i = 0; i < 21; i++) out += NANOID_ALPHABET.charAt(hash32(seed, kind, id, i) & 63);
  return out;
}

/** A deterministic RFC 4122-looking v4 UUID. */
export function uuidFrom(seed: number, kind: number, id: number): string {
  let hex = '';
  for (let i = 0; i < 4; i++)
    hex += hash32(seed, kind, id, 100 + i)
      .toString(16)
      .padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
