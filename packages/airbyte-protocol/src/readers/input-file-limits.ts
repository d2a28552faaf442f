const MiB = 1024 * 1024;

/**
 * Largest input file read, per kind. A config holds a few fields and perhaps a CA certificate; a catalog lists
 * every stream with its JSON schema (50 MB ones exist for sources with thousands of tables); a state holds cursors,
 * one per partition at most. Larger files are refused before they are read, so a wrong path cannot fill memory.
 */
export const INPUT_FILE_LIMITS: Readonly<Record<string, number>> = {
  config: 10 * MiB,
  catalog: 256 * MiB,
  state: 256 * MiB,
};

/** The limit for kinds not listed above. */
export const DEFAULT_INPUT_FILE_LIMIT = 256 * MiB;

export function inputFileLimit(what: string): number {
  return INPUT_FILE_LIMITS[what] ?? DEFAULT_INPUT_FILE_LIMIT;
}

/** `1536` gives "1.5 KiB": sizes in messages, in the units the limits are set in. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit] ?? 'TiB'}`;
}
