import { describe, expect, it } from 'vitest';
import { secretEncodings } from '../testing/secret-encodings.js';
import { MASK, SecretMasker } from './secret-masker.js';
import { mayHoldSecret, secretPattern } from './secret-pattern.js';

// Every form a secret can take in text the connector prints, each masked whole, with the text around it kept.
const apiKey = 'mb_Xp9/Q+zL7w==Rt4/kk+e8A='; // Metabase API keys are base64: '/', '+' and '='
const password = 'Pw+/= &?%"\\é<>\'#;-9f3a😀';
const isPlain = (c: string) => /^[A-Za-z0-9_-]$/.test(c);
const eachChar = (s: string, f: (c: string) => string) => Array.from(s, (c) => (isPlain(c) ? c : f(c))).join('');
const json = (s: string) => JSON.stringify(s).slice(1, -1);
const unicodeEscape = (s: string) =>
  Array.from({ length: s.length }, (_, i) => s.charCodeAt(i))
    .map((u) => (isPlain(String.fromCharCode(u)) ? String.fromCharCode(u) : `\\u${u.toString(16).padStart(4, '0')}`))
    .join('');
const base64 = (s: string) => Buffer.from(s).toString('base64');

describe('SecretMasker: every form of a secret', () => {
  for (const [name, secret] of [
    ['an API key', apiKey],
    ['an awkward password', password],
  ] as const) {
    it.for(secretEncodings(secret))(`${name}, %s`, ([, form]) => {
      expect(form.length).toBeGreaterThan(0);
      const masker = new SecretMasker().add(secret);
      expect(masker.mask(`{"message":"rejected ${form} here"}`)).toBe(`{"message":"rejected ${MASK} here"}`);
    });
  }

  it.for([0, 1, 2, 3, 4, 5, 17])(
    'base64 of user:password, with a user of %i characters (every alignment), in a Basic header',
    (length) => {
      const user = 'u'.repeat(length);
      const masker = new SecretMasker().add(password);
      for (const encode of [
        (s: string) => base64(s),
        (s: string) => Buffer.from(s).toString('base64url'),
        (s: string) => base64(s).replace(/=+$/, ''),
      ]) {
        const token = encode(`${user}:${password}`);
        expect(masker.mask(`authorization: Basic ${token}, next`)).toBe(`authorization: Basic ${MASK}, next`);
      }
    },
  );

  it('base64 of a longer text holding the secret (a JSON body), and of the secret alone', () => {
    const masker = new SecretMasker().add(apiKey);
    expect(masker.mask(`body=${base64(JSON.stringify({ api_key: apiKey, n: 1 }))};`)).toBe(`body=${MASK};`);
    expect(masker.mask(`[${base64(apiKey)}]`)).toBe(`[${MASK}]`);
  });

  it('a secret cut short before an ellipsis (a quoted body cut at its length limit), in any form', () => {
    const masker = new SecretMasker().add(apiKey);
    for (const cut of [6, 10, apiKey.length - 1]) {
      expect(masker.mask(`HTTP 400: {"echo":"${apiKey.slice(0, cut)}…`)).toBe(`HTTP 400: {"echo":"${MASK}…`);
      for (const form of [
        json(apiKey).replace(/\//g, '\\/'),
        unicodeEscape(apiKey),
        eachChar(apiKey, (c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`),
      ]) {
        for (let end = cut; end < cut + 6; end++) {
          const shown = masker.mask(`began: ${form.slice(0, end)}...`);
          expect(shown, form.slice(0, end)).toMatch(/^began: \*{4}\S{0,8}\.\.\.$/);
          expect(shown).not.toContain(apiKey.slice(0, 6));
        }
      }
    }
    expect(masker.mask(`${apiKey.slice(0, 5)}…`)).toBe(`${apiKey.slice(0, 5)}…`); // too short to tell
    // Cut 12, 20 and all but 3 characters into the key's part of the base64 (after "someone:", 12 characters in).
    for (const [token, keyStart] of [
      [base64(apiKey), 0],
      [base64(`someone:${apiKey}`), 12],
    ] as const) {
      for (const end of [keyStart + 12, keyStart + 20, token.length - 3])
        expect(masker.mask(`Basic ${token.slice(0, end)}…`)).toBe(`Basic ${MASK}…`);
    }
  });

  it('leaves other text alone: a different key, a stack trace, plain words', () => {
    const masker = new SecretMasker().add(apiKey, password);
    const other = apiKey.replace('Xp9', 'Xp8');
    const text = `Error: HTTP 400 for key ${other} ${base64(other)}\n    at readPage (file:///app/dist/index.js:12:34) &amp; %2F \\u002f`;
    expect(masker.mask(text)).toBe(text);
  });

  it('a secret that contains another is hidden whole, in escaped forms too', () => {
    const masker = new SecretMasker().add('ab/cd', 'xx ab/cd yy');
    expect(masker.mask('1 xx ab\\/cd yy 2 ab&#x2F;cd 3')).toBe(`1 ${MASK} 2 ${MASK} 3`);
  });
});

describe('mayHoldSecret: the search that spares most messages the pattern', () => {
  const secret = 'mb_Xp9Qz_L7wRt4kk8e8A';
  it('never clears a text the pattern would match (random texts of secret pieces, ellipses and escape marks)', () => {
    const pieces = [
      secret,
      secret.slice(0, 6),
      secret.slice(0, 9),
      secret.slice(3),
      '…',
      '...',
      ' ',
      'x',
      '\\',
      '%',
      '&',
      '+',
      'mb_',
      'Rt4',
    ];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pattern = secretPattern(secret);
    let matched = 0;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + next(6) }, () => pieces[next(pieces.length)]).join('');
      const found = text.replace(pattern, MASK) !== text;
      if (found) matched++;
      if (found) expect(mayHoldSecret(text, secret), text).toBe(true);
    }
    expect(matched).toBeGreaterThan(500);
  });

  it('clears a plain message, and keeps the ones that hold the secret, a start of it cut by an ellipsis, or an escape', () => {
    expect(mayHoldSecret('Reading stream "cards" (full_refresh).', secret)).toBe(false);
    expect(mayHoldSecret(`key ${secret} used`, secret)).toBe(true);
    expect(mayHoldSecret(`key ${secret.slice(0, 7)}… cut`, secret)).toBe(true);
    expect(mayHoldSecret(`key ${secret.slice(0, 5)}... too short to tell`, secret)).toBe(false);
    expect(mayHoldSecret('a=1&b=2', secret)).toBe(true);
  });
});
