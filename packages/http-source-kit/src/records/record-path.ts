/**
 * Where records (or a paginator's token) live in a response body: `''`/`[]` is the whole body, `'data'` a top-level
 * key, `'meta.next'` or `['meta', 'next']` a nested one. Use the array form when a key itself contains a dot.
 */
export type RecordPath = string | readonly string[];

export function pathSegments(path: RecordPath): readonly string[] {
  if (typeof path !== 'string') return path;
  return path === '' ? [] : path.split('.');
}

/** `$`, `$.data`, `$.meta.next`, `$["odd.key"]`: the form used in every message about a path. */
export function formatPath(path: RecordPath): string {
  return (
    '$' +
    pathSegments(path)
      .map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`))
      .join('')
  );
}

/** The value at `path` inside an already-parsed value, or undefined when any step is missing. */
export function valueAtPath(value: unknown, path: RecordPath): unknown {
  let current = value;
  for (const key of pathSegments(path)) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
