import { describe, expect, it } from 'vitest';
import { missingCredentialMessage } from './choose-credential.js';
import { httpsRequiredMessage } from './normalize-instance-url.js';
import { metabaseSourceConfigSchema } from './source-config.js';

const issuesOf = (config: Record<string, unknown>): { path: PropertyKey[]; message: string }[] =>
  (metabaseSourceConfigSchema.safeParse(config).error?.issues ?? []).map(({ path, message }) => ({ path, message }));

describe('metabaseSourceConfigSchema', () => {
  it('reports an http URL once (the pattern and the URL check both reject it)', () => {
    expect(issuesOf({ instance_api_url: 'http://mb.example.com', api_key: 'mb_x' })).toEqual([
      { path: ['instance_api_url'], message: httpsRequiredMessage },
    ]);
  });

  it('still checks the other fields when the URL is rejected', () => {
    expect(issuesOf({ instance_api_url: 'http://mb.example.com', ca_certificate: 'ca.crt' })).toEqual([
      { path: ['instance_api_url'], message: httpsRequiredMessage },
      { path: [], message: missingCredentialMessage },
      { path: ['ca_certificate'], message: expect.stringMatching(/PEM/) as unknown },
    ]);
  });

  it('checks an https URL beyond the pattern', () => {
    expect(issuesOf({ instance_api_url: 'https://mb.example.com/?x=1', api_key: 'mb_x' })).toEqual([
      { path: ['instance_api_url'], message: expect.stringMatching(/query string/) as unknown },
    ]);
    expect(issuesOf({ instance_api_url: 'https://mb.example.com', api_key: 'mb_x' })).toEqual([]);
  });

  it('ignores spaces around the URL, before it as well as after it', () => {
    for (const url of ['  https://mb.example.com', 'https://mb.example.com  ', '\t https://mb.example.com/api/ \n']) {
      const parsed = metabaseSourceConfigSchema.safeParse({ instance_api_url: url, api_key: 'mb_x' });
      expect(parsed.success, JSON.stringify(url)).toBe(true);
      expect(parsed.data?.instance_api_url).toBe(url.trim());
    }
  });

  it('refuses a URL or host name too long to be real, without quoting it', () => {
    const longHost = `https://${'h'.repeat(10_000_000)}.example.com/`;
    const [issue, ...more] = issuesOf({ instance_api_url: longHost, api_key: 'mb_x' });
    expect(more).toEqual([]);
    expect(issue?.message).toBe(
      'instance_api_url is 10000021 characters long; a Metabase URL has at most 2048. Check what was pasted into it.',
    );
    expect(issuesOf({ instance_api_url: `https://${'h'.repeat(300)}.example.com/`, api_key: 'mb_x' })[0]?.message).toBe(
      'instance_api_url has a host name of 312 characters; host names have at most 253 (RFC 1035).',
    );
  });

  it.each([
    ['api_key', 'mb_abcdef\n', 'api_key contains a line break (U+000A) at its end'],
    [
      'api_key',
      'mb_abc\u2019def',
      'api_key contains a character HTTP headers cannot carry (U+2019) at character 7 of 10',
    ],
    [
      'session_token',
      '\u200b0f1e2d3c-aaaa',
      'session_token contains a character HTTP headers cannot carry (U+200B) at its start',
    ],
    ['password', 'hunter22\r\n', 'password contains a line break (U+000D) at character 9 of 10'],
    ['username', 'admin@example.com\n', 'username contains a line break (U+000A) at its end'],
  ])('a %s with a pasted character names the field and the character, not the value', (field, value, message) => {
    const config = {
      instance_api_url: 'https://mb.example.com',
      username: 'admin@example.com',
      password: 'pw',
      [field]: value,
    };
    const issues = issuesOf(config);
    expect(issues).toEqual([
      {
        path: [field],
        message: `${message}, probably pasted along with it: remove it and save the configuration again.`,
      },
    ]);
    expect(issues[0]?.message).not.toContain(value.trim());
  });

  it('accepts passwords with any printable character', () => {
    expect(
      issuesOf({
        instance_api_url: 'https://mb.example.com',
        username: 'zoë@example.com',
        password: 'pässwörd “quoted” 😀',
      }),
    ).toEqual([]);
  });
});
