import { describe, expect, it } from 'vitest';
import { configSecrets } from './config-secrets.js';
import { SecretMasker } from './secret-masker.js';

describe('SecretMasker', () => {
  it('masks raw, URL-encoded, form-encoded, JSON-escaped and base64 forms', () => {
    const secret = 'p@ss word/"x"+1';
    const masker = new SecretMasker().add(secret);
    const text = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      encodeURIComponent(secret).toLowerCase(),
      JSON.stringify({ password: secret }),
      Buffer.from(secret).toString('base64'),
    ].join(' | ');
    const masked = masker.mask(text);
    expect(masked).toBe('**** | **** | **** | **** | {"password":"****"} | ****');
  });

  it('hides overlapping secrets whole (longest first) and asks providers every time', () => {
    let token = 'tok-1';
    const masker = new SecretMasker().add('abc', 'abcdef').addProvider(() => [token]);
    expect(masker.mask('abcdef abc tok-1')).toBe('**** **** ****');
    token = 'tok-2';
    expect(masker.mask('tok-1 tok-2')).toBe('tok-1 ****');
  });

  it('masks every string of a message, and survives a failing provider', () => {
    const masker = new SecretMasker().add('s3cret').addProvider(() => {
      throw new Error('no');
    });
    expect(masker.maskDeep({ a: ['x s3cret'], b: { c: 's3cret' }, n: 1 })).toEqual({
      a: ['x ****'],
      b: { c: '****' },
      n: 1,
    });
  });
});

describe('configSecrets', () => {
  it('collects airbyte_secret values through properties, oneOf branches and arrays', () => {
    const schema = {
      properties: {
        password: { type: 'string', airbyte_secret: true },
        user: { type: 'string' },
        auth: {
          oneOf: [
            { properties: { token: { airbyte_secret: true } } },
            { properties: { key: { airbyte_secret: true } } },
          ],
        },
        keys: { type: 'array', items: { type: 'string', airbyte_secret: true } },
      },
    };
    const config = { password: 'pw', user: 'u', auth: { key: 'k1' }, keys: ['a1', 'a2'] };
    expect(configSecrets(schema, config).sort()).toEqual(['a1', 'a2', 'k1', 'pw']);
  });
});
