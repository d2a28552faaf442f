/**
 * Reading and editing a JSON value as text, without parsing it: what a record is derived from keeps every byte the
 * server sent (a parse and stringify round trip would round integers beyond 2^53, turn 1e400 into null and cut long
 * decimals). The text must be valid JSON, as the record scanner guarantees; a malformed text throws a TypeError.
 */

/** A top-level member of an object text: its (decoded) key and where its value's text is. */
export interface JsonMember {
  key: string;
  /** Offset of the value's first character. */
  start: number;
  /** Offset just after the value's last character. */
  end: number;
}

const QUOTE = 0x22,
  BACKSLASH = 0x5c,
  COMMA = 0x2c,
  COLON = 0x3a;
const OPEN_OBJECT = 0x7b,
  CLOSE_OBJECT = 0x7d,
  OPEN_ARRAY = 0x5b,
  CLOSE_ARRAY = 0x5d;

function malformed(at: number): never {
  throw new TypeError(`malformed JSON text at offset ${at}`);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The offset just after the string starting at `at` (its opening quote). */
function stringEnd(text: string, at: number): number {
  for (let from = at + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return malformed(at);
    let before = quote - 1;
    while (text.charCodeAt(before) === BACKSLASH) before--;
    if ((quote - 1 - before) % 2 === 0) return quote + 1; // not escaped: an even run of backslashes precedes it
    from = quote + 1;
  }
}

/** The offset just after the value starting at `at`. */
function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return stringEnd(text, at);
  if (first !== OPEN_OBJECT && first !== OPEN_ARRAY) {
    let i = at;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isSpace(c)) break;
    }
    return i > at ? i : malformed(at);
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && --depth === 0) return i + 1;
  }
  return malformed(at);
}

/** The top-level members of the object text `json`, in order (a key that appears twice is listed twice). */
export function jsonObjectMembers(json: string): JsonMember[] {
  let i = skipSpace(json, 0);
  if (json.charCodeAt(i) !== OPEN_OBJECT) malformed(i);
  const members: JsonMember[] = [];
  i = skipSpace(json, i + 1);
  if (json.charCodeAt(i) === CLOSE_OBJECT) return members;
  for (;;) {
    if (json.charCodeAt(i) !== QUOTE) malformed(i);
    const keyEnd = stringEnd(json, i);
    const raw = json.slice(i + 1, keyEnd - 1);
    const key = raw.includes('\\') ? (JSON.parse(json.slice(i, keyEnd)) as string) : raw;
    i = skipSpace(json, keyEnd);
    if (json.charCodeAt(i) !== COLON) malformed(i);
    const start = skipSpace(json, i + 1);
    const end = valueEnd(json, start);
    members.push({ key, start, end });
    i = skipSpace(json, end);
    const c = json.charCodeAt(i);
    if (c === CLOSE_OBJECT) return members;
    if (c !== COMMA) malformed(i);
    i = skipSpace(json, i + 1);
  }
}

/** The texts of the elements of the array whose text starts at `start` (its `[`) in `json`. */
export function jsonArrayElements(json: string, start = skipSpace(json, 0)): string[] {
  if (json.charCodeAt(start) !== OPEN_ARRAY) malformed(start);
  const elements: string[] = [];
  let i = skipSpace(json, start + 1);
  if (json.charCodeAt(i) === CLOSE_ARRAY) return elements;
  for (;;) {
    const end = valueEnd(json, i);
    elements.push(json.slice(i, end));
    i = skipSpace(json, end);
    const c = json.charCodeAt(i);
    if (c === CLOSE_ARRAY) return elements;
    if (c !== COMMA) malformed(i);
    i = skipSpace(json, i + 1);
  }
}

/**
 * The object text `json` with its top-level member `key` set to the JSON text `value`: the existing value's text is
 * replaced where the key is present (its last occurrence, the one a JSON parser keeps), otherwise the member is
 * inserted first. Every other byte stays as it was.
 */
export function withJsonMember(json: string, key: string, value: string): string {
  const members = jsonObjectMembers(json);
  let found: JsonMember | undefined;
  for (const member of members) if (member.key === key) found = member;
  if (found !== undefined) return json.slice(0, found.start) + value + json.slice(found.end);
  const open = skipSpace(json, 0) + 1;
  const member = `${JSON.stringify(key)}:${value}`;
  return json.slice(0, open) + (members.length === 0 ? member : `${member},`) + json.slice(open);
}
