import { describe, expect, it } from 'vitest';
import { MetabaseConfigError } from './config-error.js';
import { httpsRequiredMessage, normalizeInstanceUrl } from './normalize-instance-url.js';

describe('normalizeInstanceUrl', () => {
  it.each([
    ['https://mb.example.com', 'https://mb.example.com/api/'],
    ['https://mb.example.com/', 'https://mb.example.com/api/'],
    ['https://mb.example.com/api', 'https://mb.example.com/api/'],
    ['https://mb.example.com/api/', 'https://mb.example.com/api/'],
    ['https://mb.example.com/api//', 'https://mb.example.com/api/'],
    ['https://localhost:3000/api/', 'https://localhost:3000/api/'],
    ['https://localhost:3000', 'https://localhost:3000/api/'],
    ['https://MB.Example.com:443/api', 'https://mb.example.com/api/'],
    ['https://corp.example.com/metabase', 'https://corp.example.com/metabase/api/'],
    ['https://corp.example.com/metabase/api/', 'https://corp.example.com/metabase/api/'],
    ['  https://mb.example.com/api  ', 'https://mb.example.com/api/'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeInstanceUrl(input)).toBe(expected);
  });

  it('rejects http with a message that says https is required and why', () => {
    const attempt = () => normalizeInstanceUrl('http://localhost:3000');
    expect(attempt).toThrow(MetabaseConfigError);
    expect(attempt).toThrow(httpsRequiredMessage);
    expect(httpsRequiredMessage).toMatch(/https/);
    expect(httpsRequiredMessage).toMatch(/credentials/);
  });

  it.each(['ftp://mb.example.com', 'mb.example.com/api', ''])('rejects %j as not https', (input) => {
    expect(() => normalizeInstanceUrl(input)).toThrow(httpsRequiredMessage);
  });

  it('rejects an unparseable URL', () => {
    expect(() => normalizeInstanceUrl('https://exa mple.com')).toThrow(/not a valid URL/);
  });

  it('rejects user info without echoing it', () => {
    try {
      normalizeInstanceUrl('https://alice:s3cret-pw@mb.example.com/api/');
      expect.unreachable();
    } catch (error) {
      expect(MetabaseConfigError.isInstance(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toMatch(/user name or password/);
      expect(message).not.toContain('s3cret-pw');
    }
  });

  it('rejects query strings and fragments', () => {
    expect(() => normalizeInstanceUrl('https://mb.example.com/api/?x=1')).toThrow(/query string/);
    expect(() => normalizeInstanceUrl('https://mb.example.com/api/#top')).toThrow(/fragment/);
  });
});
