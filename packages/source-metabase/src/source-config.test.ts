import { describe, expect, it } from 'vitest';
import { missingCredentialMessage } from './choose-credential.js';
import { httpsRequiredMessage } from './normalize-instance-url.js';
import { metabaseSourceConfigSchema } from './source-config.js';

const issuesOf = (config: Record<string, unknown>): { path: PropertyKey[]; message: string }[] =>
  (metabaseSourceConfigSchema.safeParse(config).error?.issues ?? []).map(({ path, message }) => ({ path, message }));

describe('metabaseSourceConfigSchema', () => {
  it('reports an http URL once (the pattern and the URL check both reject it)', () => {
    expect(issuesOf({ instance_api_url: 'http://mb.example.com', api_key: 'mb_x' })).toEqual([{ path: ['instance_api_url'], message: httpsRequiredMessage }]);
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
});
