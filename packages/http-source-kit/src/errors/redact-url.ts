/** Query keys whose values must never appear in messages or logs. */
const secretKey = /token|key|secret|pass|pwd|session|auth|sig|credential|code|cookie/i;

/** A URL safe to show: no userinfo, no values of secret-looking query keys. Unparseable input is dropped. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[unparseable URL]';
  }
  parsed.username = '';
  parsed.password = '';
  const redacted = new URLSearchParams();
  for (const [key, value] of parsed.searchParams) redacted.append(key, secretKey.test(key) ? '***' : value);
  parsed.search = redacted.toString();
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}
