/**
 * A regular expression that finds one secret however its characters were escaped on the way: each character may be
 * itself, a JSON escape (`\/`, `\"`, `\u002f`, `\u002F`, also escaped a second time when a JSON body is quoted inside
 * a JSON string), percent-encoded (`%2F`, `%2f`, `+` for a space), or an HTML character reference (`&#47;`, `&#x2F;`,
 * `&sol;`). Encoders differ in what they escape, so every character accepts every form, and a text that mixes them
 * still matches. Matching decodes nothing: the text around a secret stays as it was.
 */

/** HTML5 named references of ASCII characters that encoders write (several have aliases). */
const NAMED_REFERENCES: Record<string, readonly string[]> = {
  '!': ['excl'],
  '"': ['quot', 'QUOT'],
  '#': ['num'],
  $: ['dollar'],
  '%': ['percnt'],
  '&': ['amp', 'AMP'],
  "'": ['apos'],
  '(': ['lpar'],
  ')': ['rpar'],
  '*': ['ast', 'midast'],
  '+': ['plus'],
  ',': ['comma'],
  '.': ['period'],
  '/': ['sol'],
  ':': ['colon'],
  ';': ['semi'],
  '<': ['lt', 'LT'],
  '=': ['equals'],
  '>': ['gt', 'GT'],
  '?': ['quest'],
  '@': ['commat'],
  '[': ['lsqb', 'lbrack'],
  '\\': ['bsol'],
  ']': ['rsqb', 'rbrack'],
  '^': ['Hat'],
  _: ['lowbar', 'UnderBar'],
  '`': ['grave', 'DiacriticalGrave'],
  '{': ['lcub', 'lbrace'],
  '|': ['verbar', 'vert', 'VerticalLine'],
  '}': ['rcub', 'rbrace'],
  ' ': ['nbsp'],
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Hex digits of `n`, matching either case (`2[fF]`), with `minWidth` digits at least. */
function hexDigits(n: number, minWidth: number): string {
  return n
    .toString(16)
    .padStart(minWidth, '0')
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

/** JSON escapes of one code point, as written by encoders that escape it (without the plain character). */
function jsonEscapes(char: string): string[] {
  const units = Array.from({ length: char.length }, (_, i) => char.charCodeAt(i));
  const hex = (upper: boolean) =>
    units.map((u) => `\\u${u.toString(16).padStart(4, '0')[upper ? 'toUpperCase' : 'toLowerCase']()}`).join('');
  const forms = new Set([hex(false), hex(true)]);
  const short = JSON.stringify(char).slice(1, -1);
  if (short !== char) forms.add(short);
  if (char === '/') forms.add('\\/');
  return [...forms];
}

/** Regex alternatives for one code point. */
function charForms(char: string): string[] {
  const code = char.codePointAt(0) ?? 0;
  const once = jsonEscapes(char);
  // Quoted again inside a JSON string, every backslash of a first escape is doubled (and `/` may gain one).
  const twice = once.flatMap((form) => {
    const again = JSON.stringify(form).slice(1, -1);
    return [again, again.replace(/\//g, '\\/')];
  });
  const plain = [char, ...once, ...twice].map(escapeRegExp);
  const bytes = [...Buffer.from(char, 'utf8')].map((b) => `%${hexDigits(b, 2)}`).join('');
  const percent = char === ' ' ? [bytes, '\\+'] : [bytes];
  const html = [
    `&#0*${code};?`,
    `&#[xX]0*${hexDigits(code, 1)};?`,
    ...(NAMED_REFERENCES[char] ?? []).map((name) => `&${name};`),
  ];
  return [...new Set([...plain, ...percent, ...html])];
}

/** A cut secret shows at least this many characters before the ellipsis to be recognised. */
const MIN_CUT_PREFIX = 6;

/**
 * The pattern for `secret` (global: every occurrence), in any of its forms; also a start of it of 6 characters or
 * more right before an ellipsis (`…` or `...`), as a message that quotes the start of a body leaves it.
 */
export function secretPattern(secret: string): RegExp {
  const parts = Array.from(secret, (char) => `(?:${charForms(char).join('|')})`);
  const whole = parts.join('');
  if (parts.length <= MIN_CUT_PREFIX) return new RegExp(whole, 'g');
  let rest = '';
  for (let i = parts.length - 1; i >= MIN_CUT_PREFIX; i--) rest = `(?:${parts[i] ?? ''}${rest})?`;
  // The cut may fall inside an escape (`\\u00`, `%2`, `&#x2`): what is left of it stands between the start and the ellipsis.
  const partialEscape = '(?:\\\\{1,3}(?:u[0-9a-fA-F]{0,3})?|%[0-9a-fA-F]?|&#?[xX]?[0-9a-zA-Z]{0,7})?';
  const cut = `${parts.slice(0, MIN_CUT_PREFIX).join('')}${rest}(?=${partialEscape}(?:…|\\.\\.\\.))`;
  return new RegExp(`${whole}|${cut}`, 'g');
}

/** What every escaped form of a character begins with: a JSON `\\`, a percent `%`, an HTML `&`, or `+` for a space. */
const ESCAPE_MARKS = /[\\%&+]/;

/**
 * Whether `text` may hold `secret` in a form `secretPattern` matches. A text without any escape mark can hold it only
 * as it is, or as a start of it (6 characters or more) right before an ellipsis; so most messages are cleared by two
 * string searches instead of the pattern, whose first use compiles it (tens of milliseconds for a long secret).
 */
export function mayHoldSecret(text: string, secret: string): boolean {
  if (ESCAPE_MARKS.test(text) || text.includes(secret)) return true;
  const chars = Array.from(secret);
  if (chars.length <= MIN_CUT_PREFIX) return false;
  for (const match of text.matchAll(ELLIPSIS)) {
    const before = text.slice(0, match.index);
    let prefix = chars.slice(0, MIN_CUT_PREFIX).join('');
    for (let i = MIN_CUT_PREFIX; ; i++) {
      if (before.endsWith(prefix)) return true;
      const next = chars[i];
      if (next === undefined) break;
      prefix += next;
    }
  }
  return false;
}

/** Characters of a base64 or base64url run, padding aside. */
const BASE64_CHAR = /[A-Za-z0-9+/_-]/;

/**
 * Substrings that any base64 (or base64url) encoding of a text containing `secret` contains, whatever comes before
 * and after it: one per alignment of the secret in 3-byte groups, keeping only the characters made of the secret's
 * bytes alone. So `Basic base64(user:password)`, or base64 of a JSON body holding a token, is found too. Empty for
 * secrets shorter than 6 bytes, whose cores would be short enough to match by chance.
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  if (bytes.length < 6) return [];
  const cores = new Set<string>();
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const whole = Math.floor(padded.length / 3) * 4; // characters of complete groups: no unknown byte after them
    const skip = [0, 2, 3][shift] ?? 0; // characters that mix in the unknown bytes before the secret
    const text = padded.toString('base64').slice(skip, whole);
    cores.add(text);
    cores.add(text.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...cores];
}

/** Characters of a core a base64 run cut short must end with to be recognised (6 bytes of the secret). */
const MIN_CUT_CORE = 8;
const ELLIPSIS = /\u2026|\.\.\./g;

/**
 * `text` with every base64 run that contains one of `cores` replaced, whole, by `mask`; and every run that ends, right
 * before an ellipsis, with the start of a core (a quote cut inside it).
 */
export function maskBase64Runs(text: string, cores: readonly string[], mask: string): string {
  let out = text;
  for (const core of cores) {
    for (let at = out.indexOf(core); at >= 0; at = out.indexOf(core, at + mask.length)) {
      const [start, end] = runAround(out, at, at + core.length);
      out = `${out.slice(0, start)}${mask}${out.slice(end)}`;
      at = start;
    }
  }
  return maskCutRuns(out, cores, mask);
}

function runAround(text: string, from: number, to: number): [number, number] {
  let start = from;
  while (start > 0 && BASE64_CHAR.test(text.charAt(start - 1))) start--;
  let end = to;
  while (end < text.length && BASE64_CHAR.test(text.charAt(end))) end++;
  while (end < text.length && text.charAt(end) === '=') end++;
  return [start, end];
}

function maskCutRuns(text: string, cores: readonly string[], mask: string): string {
  const cuts: [number, number][] = [];
  for (const match of text.matchAll(ELLIPSIS)) {
    const end = match.index;
    const [start] = runAround(text, end, end);
    const run = text.slice(start, end);
    if (run.length < MIN_CUT_CORE) continue;
    const cut = cores.some((core) => {
      for (let length = Math.min(core.length, run.length); length >= MIN_CUT_CORE; length--)
        if (run.endsWith(core.slice(0, length))) return true;
      return false;
    });
    if (cut) cuts.push([start, end]);
  }
  let out = text;
  for (const [start, end] of cuts.reverse()) out = `${out.slice(0, start)}${mask}${out.slice(end)}`;
  return out;
}
