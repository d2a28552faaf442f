import { secretEncodings } from '@mb-airbyte/http-source-kit/testing';

export interface NamedSecret {
  /** What it is, for the failure message (the value itself is never printed). */
  name: string;
  value: string;
  /** For a password: the user it goes with, so `base64(user:password)` (a Basic Authorization header) is looked for. */
  user?: string;
}

/**
 * The ways a secret could show up in text (see secretEncodings): as is, JSON-escaped (with `\/` and `\u` escapes,
 * once or twice), URL-encoded, HTML character references, base64 of it and of `user:secret`. Secrets shorter than 6
 * characters are refused: they would match by chance.
 */
export function secretForms(secret: string, user?: string): Map<string, string> {
  if (secret.length < 6) throw new Error(`a test secret must be at least 6 characters long (got ${secret.length})`);
  return new Map(secretEncodings(secret, user === undefined ? {} : { user }));
}

/** Every secret found in `text`, as "name (form)", without quoting the secret. */
export function findLeaks(text: string, secrets: readonly NamedSecret[]): string[] {
  const found: string[] = [];
  for (const { name, value, user } of secrets) {
    for (const [label, form] of secretForms(value, user)) if (text.includes(form)) found.push(`${name} (${label})`);
  }
  return found;
}
