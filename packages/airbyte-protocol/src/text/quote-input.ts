/** How many characters of user input a message quotes at most. */
export const MAX_QUOTED_CHARS = 200;

/**
 * User input as a message may show it: whole when short, else its first `max` characters, "…" and its length, so a
 * 10 MB host name or cursor costs a message 200 characters, not 10 MB. Never cuts a surrogate pair in two.
 */
export function capInput(text: string, max = MAX_QUOTED_CHARS): string {
  if (text.length <= max) return text;
  return `${head(text, max)}… (${text.length} characters)`;
}

/** User input in double quotes (JSON string syntax, so control characters show escaped), capped as `capInput` does. */
export function quoteInput(text: string, max = MAX_QUOTED_CHARS): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(`${head(text, max)}…`)} (${text.length} characters)`;
}

/** Any JSON value from user input as a message may show it: a string quoted, anything else as capped JSON. */
export function quoteJson(value: unknown, max = MAX_QUOTED_CHARS): string {
  if (typeof value === 'string') return quoteInput(value, max);
  const json = JSON.stringify(value) as string | undefined; // undefined for undefined, functions and symbols
  return capInput(json ?? String(value), max);
}

function head(text: string, max: number): string {
  const end = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
