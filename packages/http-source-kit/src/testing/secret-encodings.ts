/**
 * The forms a secret takes in text, as [label, text] pairs, for leak checks and masking tests: as is, JSON-escaped
 * (as JSON.stringify writes it, with `\/`, with `\u` escapes, and each of these escaped a second time, as when a JSON
 * body is quoted inside a JSON string), URL-encoded (component, form, whole-URI, lower-case hex), HTML character
 * references (named, decimal, hex, and of every character), and base64 (standard and URL-safe; of `user:secret` too
 * when a user is given, as in a Basic Authorization header). Each form is written by a real encoder's rules, not
 * derived from the masker's.
 */

/** HTML5 named references that encoders use for these ASCII characters. */
const NAMED: Record<string, string> = {
  '/': '&sol;',
  '+': '&plus;',
  '=': '&equals;',
  '&': '&amp;',
  '"': '&quot;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&apos;',
  '#': '&num;',
  ';': '&semi;',
  '?': '&quest;',
  '%': '&percnt;',
  '\\': '&bsol;',
  ' ': '&nbsp;',
  ':': '&colon;',
  '@': '&commat;',
};

const isPlain = (c: string): boolean => /^[A-Za-z0-9_-]$/.test(c);
const eachSpecial = (s: string, f: (c: string) => string): string =>
  Array.from(s, (c) => (isPlain(c) ? c : f(c))).join('');
const codeOf = (c: string): number => c.codePointAt(0) ?? 0;
const json = (s: string): string => JSON.stringify(s).slice(1, -1);
const slashes = (s: string): string => s.replace(/\//g, '\\/');

/** JSON `\u` escapes of every character but letters, digits, `_` and `-` (UTF-16 units, as JSON writes them). */
function unicodeEscaped(s: string, upper: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const char = String.fromCharCode(unit);
    const hex = unit.toString(16).padStart(4, '0');
    out += isPlain(char) ? char : `\\u${upper ? hex.toUpperCase() : hex}`;
  }
  return out;
}

export function secretEncodings(secret: string, options: { user?: string } = {}): [string, string][] {
  const forms: [string, string][] = [
    ['raw', secret],
    ['JSON-escaped', json(secret)],
    ['JSON-escaped with \\/', slashes(json(secret))],
    ['JSON \\u escapes', unicodeEscaped(secret, false)],
    ['JSON \\u escapes, upper case', unicodeEscaped(secret, true)],
    ['JSON-escaped twice', json(json(secret))],
    ['JSON-escaped twice with \\/', slashes(json(slashes(json(secret))))],
    ['JSON \\u escapes, escaped twice', json(unicodeEscaped(secret, false))],
    ['encodeURIComponent', encodeURIComponent(secret)],
    ['URL-encoded, lower-case hex', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
    ['form-encoded', new URLSearchParams({ s: secret }).toString().slice(2)],
    ['encodeURI', encodeURI(secret)],
    ['HTML named references', Array.from(secret, (c) => NAMED[c] ?? c).join('')],
    ['HTML decimal references', eachSpecial(secret, (c) => `&#${codeOf(c)};`)],
    ['HTML hex references', eachSpecial(secret, (c) => `&#x${codeOf(c).toString(16).toUpperCase()};`)],
    [
      'HTML hex references, lower case, zero-padded',
      eachSpecial(secret, (c) => `&#x${codeOf(c).toString(16).padStart(4, '0')};`),
    ],
    ['HTML references of every character', Array.from(secret, (c) => `&#${codeOf(c)};`).join('')],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
  ];
  if (options.user !== undefined) {
    const basic = Buffer.from(`${options.user}:${secret}`);
    forms.push(
      ['base64 of user:password', basic.toString('base64')],
      ['base64url of user:password', basic.toString('base64url')],
    );
  }
  // Forms that coincide (a secret with nothing to escape) are listed once, under their first label.
  const seen = new Set<string>();
  return forms.filter(([, text]) => !seen.has(text) && seen.add(text));
}
