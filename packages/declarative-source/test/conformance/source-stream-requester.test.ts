// Conformance of DeclarativeSource, DeclarativeStream, SimpleRetriever, HttpRequester, InlineSchemaLoader, CheckStream
// and Spec, from the component schema's documentation: spec and config validation, the catalog, check, and the
// request an HttpRequester sends.
import { afterEach, describe, expect, it } from 'vitest';
import { checkSource, discoverSource, specSource } from '@mb-airbyte/http-source-kit/testing';
import { sourceFromManifest } from '../../src/index.js';
import { certs, manifestWith, readManifest, requester, startApi, type ApiServer } from '../support/api-server.js';

let api: ApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const spec = {
  type: 'Spec',
  documentation_url: 'https://example.com/docs',
  connection_specification: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['api_key'],
    properties: { api_key: { type: 'string', airbyte_secret: true }, region: { type: 'string', enum: ['eu', 'us'] } },
  },
};
const source = (manifest: Record<string, unknown>) =>
  sourceFromManifest(manifest, 'test manifest', { caCertPem: certs.caPem });

describe('DeclarativeSource + Spec', () => {
  it('spec is the manifest connection_specification and documentation_url', async () => {
    const output = await specSource(
      source(manifestWith({ requester: requester('https://127.0.0.1:1') }, {}, { spec })),
    );
    expect(output.spec?.connectionSpecification).toEqual(spec.connection_specification);
    expect(output.spec?.documentationUrl).toBe('https://example.com/docs');
  });

  it('a config that does not match the spec fails check with a config_error listing the fields', async () => {
    const output = await checkSource(
      source(manifestWith({ requester: requester('https://127.0.0.1:1') }, {}, { spec })),
      { region: 'mars' },
    );
    expect(output.connectionStatus?.status).toBe('FAILED');
    expect(output.connectionStatus?.message).toMatch(/api_key: is required/);
    expect(output.connectionStatus?.message).toMatch(/region: must be equal to one of the allowed values/);
  });
});

describe('DeclarativeStream + InlineSchemaLoader', () => {
  it('discover lists each stream with its inline schema, primary key and (with incremental_sync) its cursor', async () => {
    const manifest = manifestWith(
      { requester: requester('https://127.0.0.1:1') },
      {
        primary_key: [['id'], ['region']],
        incremental_sync: {
          type: 'DatetimeBasedCursor',
          cursor_field: 'updated_at',
          datetime_format: '%Y-%m-%d',
          start_datetime: '2024-01-01',
        },
      },
    );
    const output = await discoverSource(source(manifest), {});
    const stream = output.catalog?.streams[0];
    expect(stream?.name).toBe('items');
    expect(stream?.source_defined_primary_key).toEqual([['id'], ['region']]);
    expect(stream?.supported_sync_modes).toEqual(['full_refresh', 'incremental']);
    expect(stream?.default_cursor_field).toEqual(['updated_at']);
    expect((stream?.json_schema.properties as Record<string, unknown>).id).toEqual({});
  });
});

describe('CheckStream', () => {
  it('reads the first record of each stream it names; an API error fails the check', async () => {
    api = await startApi((r) =>
      r.path.startsWith('/items') ? { body: { data: [{ id: 1 }] } } : { status: 401, body: {} },
    );
    const manifest = manifestWith({ requester: requester(api.url) });
    expect((await checkSource(source(manifest), {})).connectionStatus?.status).toBe('SUCCEEDED');
    const broken = manifestWith({ requester: requester(api.url, { path: '/private' }) });
    const failed = await checkSource(source(broken), {});
    expect(failed.connectionStatus).toMatchObject({ status: 'FAILED' });
    expect(failed.connectionStatus?.message).toMatch(/401/);
  });
});

describe('SimpleRetriever + HttpRequester', () => {
  it('joins url_base and path as the CDK does (a leading slash does not escape the base path) and sends the interpolated options', async () => {
    api = await startApi(() => ({ body: { data: [{ id: 1 }] } }));
    const manifest = manifestWith({
      requester: requester(`${api.url}/v2/`, {
        path: "/accounts/{{ config['account'] }}/items",
        http_method: 'POST',
        request_parameters: {
          limit: '{{ 10 * 5 }}',
          include: "{{ ['a', 'b'] }}",
          flag: '{{ True }}',
          empty: '{{ config.get("missing") }}',
        },
        request_headers: { 'X-Region': "{{ config['region'] }}" },
        request_body_json: { filter: { region: "{{ config['region'] }}", ids: [1, 2] } },
      }),
    });
    const output = await readManifest(manifest, { config: { account: 'acme', region: 'eu' } });
    expect(output.exitCode).toBe(0);
    const [sent] = api.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v2/accounts/acme/items?limit=50&include=a&include=b&flag=True');
    expect(sent?.headers['x-region']).toBe('eu');
    expect(JSON.parse(sent?.body ?? '')).toEqual({ filter: { region: 'eu', ids: [1, 2] } });
  });

  it('sends request_body_data as a url-encoded form', async () => {
    api = await startApi(() => ({ body: { data: [] } }));
    await readManifest(
      manifestWith({
        requester: requester(api.url, { http_method: 'POST', request_body_data: { q: 'a b', n: '{{ 1 + 2 }}' } }),
      }),
    );
    expect([api.requests[0]?.headers['content-type'], api.requests[0]?.body]).toEqual([
      'application/x-www-form-urlencoded',
      'q=a+b&n=3',
    ]);
  });
});
