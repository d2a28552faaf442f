/**
 * Edits of a record's JSON text that keep every other byte as the server sent it (numbers beyond 2^53, long decimals):
 * set a value at a path (creating objects on the way) and remove the members a path names (`*` matches any key).
 */
import { jsonObjectMembers, withJsonMember } from '@mb-airbyte/http-source-kit';

function isObjectText(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/** The object text with `value` (JSON text) at `path`; intermediate members that are not objects are replaced. */
export function setJsonPath(json: string, path: readonly string[], value: string): string {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (rest.length === 0) return withJsonMember(json, key, value);
  let found: { start: number; end: number } | undefined;
  for (const member of jsonObjectMembers(json)) if (member.key === key) found = member;
  const inner = found === undefined ? '{}' : json.slice(found.start, found.end);
  return withJsonMember(json, key, setJsonPath(isObjectText(inner) ? inner : '{}', rest, value));
}

/** The object text without the members at `path` (nothing changes where the path does not exist). */
export function removeJsonPath(json: string, path: readonly string[]): string {
  const [key, ...rest] = path;
  if (key === undefined || !isObjectText(json)) return json;
  const members = jsonObjectMembers(json);
  const matched = members.filter((member) => key === '*' || member.key === key);
  if (matched.length === 0) return json;
  const kept = members.map((member) => {
    const text = json.slice(member.start, member.end);
    if (!matched.includes(member)) return { member, text };
    return rest.length === 0 ? undefined : { member, text: removeJsonPath(text, rest) };
  });
  const parts = kept
    .filter((entry) => entry !== undefined)
    .map(({ member, text }) => `${JSON.stringify(member.key)}:${text}`);
  return `{${parts.join(',')}}`;
}
