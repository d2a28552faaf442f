// Metabase lists most things ordered by lower(name); ties fall back to id.

/** Ids 1..count sorted by (lower(name(id)), id), as a compact typed array. */
export function sortIdsByName(count: number, name: (id: number) => string): Int32Array {
  const names = Array.from({ length: count }, (_, i) => name(i + 1).toLowerCase());
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  ids.sort((a, b) => {
    const na = names[a - 1] ?? '';
    const nb = names[b - 1] ?? '';
    return na < nb ? -1 : na > nb ? 1 : a - b;
  });
  return Int32Array.from(ids);
}
