import type { z } from 'zod';
import { formatJsonPath, formatZodIssues } from './format-zod-issues.js';
import { InputFileError } from './input-file-error.js';

/** Validates a parsed input file with a schema; failures become an 'invalid' `InputFileError` naming the JSON path. */
export function parseInputValue<T extends z.ZodType>(
  schema: T,
  value: unknown,
  file: string,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new InputFileError({
    file,
    what,
    reason: 'invalid',
    detail: formatZodIssues(result.error.issues).join('; '),
    jsonPath: formatJsonPath(first?.path ?? []),
  });
}

/** A JSON object: not null, not an array. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The 'invalid' error for a file whose top-level value has the wrong JSON type. */
export function wrongTopLevelError(file: string, what: string, expected: string, value: unknown): InputFileError {
  const received = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  return new InputFileError({
    file,
    what,
    reason: 'invalid',
    detail: `$: expected ${expected}, received ${received}`,
    jsonPath: '$',
  });
}
