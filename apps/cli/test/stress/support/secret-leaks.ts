export interface NamedSecret {
  /** What it is, for the failure message (the value itself is never printed). */
  name: string;
  value: string;
}

/**
 * The ways a secret could show up in text: as is, URL-encoded (path, query or form style), JSON-escaped (once, or
 * twice when a JSON body is quoted inside a message) and base64 (an Authorization header written out). Secrets
 * shorter than 6 characters are refused: they would match by chance.
 */
export function secretForms(secret: string): Map<string, string> {
  if (secret.length < 6) throw new Error(`a test secret must be at least 6 characters long (got ${secret.length})`);
  const forms = new Map<string, string>();
  const add = (label: string, text: string): void => {
    if (![...forms.values()].includes(text)) forms.set(label, text);
  };
  add('raw', secret);
  add('encodeURIComponent', encodeURIComponent(secret));
  add('encodeURI', encodeURI(secret));
  add('form-encoded', new URLSearchParams({ s: secret }).toString().slice(2));
  add('JSON-escaped', JSON.stringify(secret).slice(1, -1));
  add('JSON-escaped twice', JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1)); // a JSON body quoted in a message
  add('base64', Buffer.from(secret).toString('base64'));
  return forms;
}

/** Every secret found in `text`, as "name (form)", without quoting the secret. */
export function findLeaks(text: string, secrets: readonly NamedSecret[]): string[] {
  const found: string[] = [];
  for (const { name, value } of secrets) {
    for (const [label, form] of secretForms(value)) if (text.includes(form)) found.push(`${name} (${label})`);
  }
  return found;
}
