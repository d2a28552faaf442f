/** Random JSON values and random chunkings, for the selector's fuzz tests (test-only helper). */

/** A small deterministic PRNG (mulberry32), so a failing round can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\u0001', 'é', '漢', '😀', '\u2028', '{', ']', ',', ':'];

function randomString(random: () => number): string {
  let s = '';
  const length = Math.floor(random() * 12);
  for (let i = 0; i < length; i++) s += CHARS[Math.floor(random() * CHARS.length)] ?? '';
  return s;
}

function randomNumber(random: () => number): number {
  const kind = Math.floor(random() * 4);
  if (kind === 0) return Math.floor(random() * 1000) - 500;
  if (kind === 1) return (random() - 0.5) * 1e-7;
  if (kind === 2) return random() * 1e21;
  return 0;
}

export function randomJson(random: () => number, depth: number): unknown {
  const kind = Math.floor(random() * (depth > 0 ? 7 : 5));
  switch (kind) {
    case 0:
      return randomString(random);
    case 1:
      return randomNumber(random);
    case 2:
      return random() < 0.5;
    case 3:
      return null;
    case 4:
    case 5: {
      const object: Record<string, unknown> = {};
      const size = Math.floor(random() * 5);
      for (let i = 0; i < size; i++) object[randomString(random)] = randomJson(random, depth - 1);
      return object;
    }
    default:
      return Array.from({ length: Math.floor(random() * 5) }, () => randomJson(random, depth - 1));
  }
}

/** Cuts `bytes` into pieces of random sizes (often 1 byte, sometimes large), with no regard for UTF-8. */
export function splitRandomly(bytes: Buffer, random: () => number): Buffer[] {
  const pieces: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const size = random() < 0.3 ? 1 : 1 + Math.floor(random() * 64);
    pieces.push(bytes.subarray(at, at + size));
    at += size;
  }
  return pieces;
}
