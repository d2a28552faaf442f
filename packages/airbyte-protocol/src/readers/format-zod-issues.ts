import type { z } from 'zod';
import { capInput, quoteInput } from '../text/quote-input.js';

type ZodIssue = z.core.$ZodIssue;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A JSONPath for an issue path: `["streams", 0, "sync_mode"]` gives `$.streams[0].sync_mode`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += `.${capInput(key)}`;
    else out += `[${quoteInput(String(key))}]`;
  }
  return out;
}

/**
 * A short message for one issue, built only from the schema side (expected types, allowed values) so it never
 * echoes the input value, which may be a secret.
 */
export function formatZodIssueMessage(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map(String).join('|')}`;
    case 'invalid_union':
      if ('options' in issue && issue.discriminator !== undefined && issue.options !== undefined) {
        return `expected one of ${issue.options.map(String).join('|')}`;
      }
      return stripPrefix(issue.message);
    case 'invalid_type': {
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      if (issue.message.endsWith('received undefined')) return `is required (expected ${expected})`;
      const received = /received (\w+)$/.exec(issue.message)?.[1];
      return received === undefined ? `expected ${expected}` : `expected ${expected}, received ${received}`;
    }
    default:
      return stripPrefix(issue.message);
  }
}

/** Issues as `"$.a.b[0]: message"` lines, at most `max` of them (the rest summarised as "…and N more"). */
export function formatZodIssues(issues: readonly ZodIssue[], max = 5): string[] {
  const lines = issues.slice(0, max).map((issue) => `${formatJsonPath(issue.path)}: ${formatZodIssueMessage(issue)}`);
  if (issues.length > max) lines.push(`…and ${issues.length - max} more`);
  return lines;
}

const TYPE_NAMES: Partial<Record<string, string>> = { record: 'object', int: 'integer' };

function stripPrefix(message: string): string {
  return message.replace(/^(Invalid input|Invalid option|Too small|Too big|Invalid [a-z ]+): /, '');
}
