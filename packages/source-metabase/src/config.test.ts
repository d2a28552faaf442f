import { describe, expect, it } from 'vitest';
import { metabaseConfigSchema, metabaseConnectionSpecification } from './config.js';
import { httpsRequiredMessage } from './normalize-instance-url.js';

type SpecProperty = Record<string, unknown> & { type?: unknown; order?: number };

const spec = metabaseConnectionSpecification() as {
  $schema: string;
  type: string;
  required: string[];
  additionalProperties: unknown;
  properties: Record<string, SpecProperty>;
};

describe('metabaseConfigSchema', () => {
  it('accepts the official sample configs unchanged (session token + login, login only)', () => {
    // Shape of the official connector's integration_tests/invalid_config.json: valid config, wrong credentials.
    const official = {
      instance_api_url: 'https://localhost:3000',
      username: 'wrong-account-id',
      password: 'x',
      session_token: 'invalid',
    };
    expect(metabaseConfigSchema.parse(official)).toEqual({
      ...official,
      include_deactivated_users: false,
      include_archived_cards: false,
      max_concurrent_requests: 8,
    });
    expect(
      metabaseConfigSchema.safeParse({ instance_api_url: 'https://mb.example.com/api/', username: 'a', password: 'b' })
        .success,
    ).toBe(true);
  });

  it('rejects an http URL (the official config_http_url.json) with the https-required message', () => {
    const result = metabaseConfigSchema.safeParse({ instance_api_url: 'http://localhost:3000' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([httpsRequiredMessage]);
  });

  it('requires instance_api_url', () => {
    const result = metabaseConfigSchema.safeParse({ api_key: 'mb_x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['instance_api_url']);
  });

  it('keeps unknown keys and applies the include_deactivated_users default', () => {
    const parsed = metabaseConfigSchema.parse({
      instance_api_url: 'https://mb.example.com',
      api_key: 'mb_x',
      legacy_field: 1,
    });
    expect(parsed).toEqual({
      instance_api_url: 'https://mb.example.com',
      api_key: 'mb_x',
      legacy_field: 1,
      include_deactivated_users: false,
      include_archived_cards: false,
      max_concurrent_requests: 8,
    });
    expect(
      metabaseConfigSchema.parse({ instance_api_url: 'https://x', include_deactivated_users: true })
        .include_deactivated_users,
    ).toBe(true);
  });

  it('rejects wrong types', () => {
    expect(
      metabaseConfigSchema.safeParse({ instance_api_url: 'https://x', include_deactivated_users: 'yes' }).success,
    ).toBe(false);
    for (const requests of [2, 9, 4.5, '8'])
      expect(
        metabaseConfigSchema.safeParse({ instance_api_url: 'https://x', max_concurrent_requests: requests }).success,
      ).toBe(false);
    expect(
      metabaseConfigSchema.parse({ instance_api_url: 'https://x', max_concurrent_requests: 3 }).max_concurrent_requests,
    ).toBe(3);
    expect(metabaseConfigSchema.safeParse({ instance_api_url: 'https://x', api_key: 42 }).success).toBe(false);
  });
});

describe('metabaseConnectionSpecification', () => {
  it('is a draft-07 object schema that allows additional properties and requires only the URL', () => {
    expect(spec.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(spec.type).toBe('object');
    expect(spec.additionalProperties).toBe(true);
    expect(spec.required).toEqual(['instance_api_url']);
  });

  it('lists the fields in order, official ones first', () => {
    const byOrder = Object.entries(spec.properties).sort(([, a], [, b]) => (a.order ?? 99) - (b.order ?? 99));
    expect(byOrder.map(([name]) => name)).toEqual([
      'instance_api_url',
      'username',
      'password',
      'session_token',
      'api_key',
      'include_deactivated_users',
      'ca_certificate',
      'include_archived_cards',
      'max_record_size_mb',
      'first_byte_timeout_seconds',
      'idle_timeout_seconds',
      'max_concurrent_requests',
    ]);
    expect(new Set(Object.values(spec.properties).map((p) => p.order)).size).toBe(12);
  });

  it('flags exactly the secrets', () => {
    const secrets = Object.entries(spec.properties)
      .filter(([, p]) => p.airbyte_secret === true)
      .map(([name]) => name);
    expect(secrets.sort()).toEqual(['api_key', 'password', 'session_token']);
  });

  it('offers ca_certificate as a multiline, non-secret string', () => {
    expect(spec.properties.ca_certificate).toMatchObject({ type: 'string', multiline: true });
    expect(spec.properties.ca_certificate?.airbyte_secret).toBeUndefined();
  });

  it('keeps the https pattern and a boolean default, with single types as CAT requires', () => {
    expect(spec.properties.instance_api_url).toMatchObject({ type: 'string', pattern: '^https://' });
    expect(spec.properties.include_deactivated_users).toMatchObject({ type: 'boolean', default: false });
    for (const property of Object.values(spec.properties)) expect(typeof property.type).toBe('string');
  });
});
