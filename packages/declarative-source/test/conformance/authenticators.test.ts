// Conformance of the authenticators, from the component schema's documentation: what each puts on the requests,
// when tokens are obtained and refreshed, and that no credential reaches the output.
import { afterEach, describe, expect, it } from 'vitest';
import {
  manifestWith,
  readManifest,
  requester,
  startApi,
  type ApiServer,
  type SeenRequest,
} from '../support/api-server.js';

let api: ApiServer | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const pages = [{ id: 1 }, { id: 2 }, { id: 3 }];
/** /items?page=N answers one record per page (3 pages); token endpoints answer what `tokens` gives. */
function authApi(tokens: (request: SeenRequest) => unknown = () => ({})): Promise<ApiServer> {
  return startApi((r) => {
    if (!r.path.startsWith('/items')) return { body: tokens(r) };
    const page = Number(r.query.get('page') ?? 1);
    return { body: { data: pages.slice(page - 1, page) } };
  });
}
const paged = {
  type: 'DefaultPaginator',
  pagination_strategy: { type: 'PageIncrement', page_size: 1, start_from_page: 1 },
  page_token_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'page' },
};
const dataRequests = (server: ApiServer): SeenRequest[] => server.requests.filter((r) => r.path.startsWith('/items'));
async function read(
  authenticator: Record<string, unknown> | undefined,
  config: Record<string, unknown> = {},
  now?: () => Date,
) {
  const manifest = manifestWith({
    requester: requester(api?.url ?? '', authenticator === undefined ? {} : { authenticator }),
    paginator: paged,
  });
  const output = await readManifest(manifest, { config, ...(now === undefined ? {} : { now }) });
  expect(output.exitCode).toBe(0);
  expect(output.records).toHaveLength(3);
  return output;
}

describe('NoAuth, ApiKeyAuthenticator, BearerAuthenticator, BasicHttpAuthenticator', () => {
  it('NoAuth sends no credentials', async () => {
    api = await authApi();
    await read({ type: 'NoAuth' });
    expect(dataRequests(api).map((r) => r.headers.authorization)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('ApiKeyAuthenticator puts the interpolated key in the header inject_into names, on every request', async () => {
    api = await authApi();
    const output = await read(
      {
        type: 'ApiKeyAuthenticator',
        api_token: "Token {{ config['key'] }}",
        inject_into: { type: 'RequestOption', inject_into: 'header', field_name: 'X-Api-Key' },
      },
      { key: 'k-123' },
    );
    expect(new Set(dataRequests(api).map((r) => r.headers['x-api-key']))).toEqual(new Set(['Token k-123']));
    expect(output.text).not.toContain('k-123');
  });

  it('ApiKeyAuthenticator can put the key in a query parameter', async () => {
    api = await authApi();
    await read(
      {
        type: 'ApiKeyAuthenticator',
        api_token: "{{ config['key'] }}",
        inject_into: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'api_key' },
      },
      { key: 'k-9' },
    );
    expect(dataRequests(api).map((r) => r.query.get('api_key'))).toEqual(['k-9', 'k-9', 'k-9', 'k-9']);
  });

  it('BearerAuthenticator sends Authorization: Bearer <api_token>', async () => {
    api = await authApi();
    await read({ type: 'BearerAuthenticator', api_token: "{{ config['token'] }}" }, { token: 'b-1' });
    expect(new Set(dataRequests(api).map((r) => r.headers.authorization))).toEqual(new Set(['Bearer b-1']));
  });

  it('BasicHttpAuthenticator sends Authorization: Basic base64(username:password)', async () => {
    api = await authApi();
    const output = await read(
      { type: 'BasicHttpAuthenticator', username: "{{ config['user'] }}", password: "{{ config['pass'] }}" },
      { user: 'ann', pass: 'p4ss' },
    );
    expect(new Set(dataRequests(api).map((r) => r.headers.authorization))).toEqual(
      new Set([`Basic ${Buffer.from('ann:p4ss').toString('base64')}`]),
    );
    expect(output.text).not.toContain('p4ss');
  });
});

describe('SessionTokenAuthenticator', () => {
  const session = (
    requestAuthentication: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    type: 'SessionTokenAuthenticator',
    login_requester: {
      type: 'HttpRequester',
      url_base: api?.url ?? '',
      path: '/login',
      http_method: 'POST',
      request_body_json: { user: "{{ config['user'] }}" },
    },
    session_token_path: ['auth', 'token'],
    request_authentication: requestAuthentication,
    ...extra,
  });

  it('logs in once with the login requester, and sends the token in the header the ApiKey option names (SessionTokenRequestApiKeyAuthenticator)', async () => {
    let n = 0;
    api = await authApi(() => ({ auth: { token: `s-${++n}` } }));
    const output = await read(
      session({
        type: 'ApiKey',
        inject_into: { type: 'RequestOption', inject_into: 'header', field_name: 'X-Session' },
      }),
      { user: 'ann' },
    );
    const logins = api.requests.filter((r) => r.path === '/login');
    expect(logins.map((r) => [r.method, r.body])).toEqual([['POST', '{"user":"ann"}']]);
    expect(new Set(dataRequests(api).map((r) => r.headers['x-session']))).toEqual(new Set(['s-1']));
    expect(output.text).not.toContain('s-1');
  });

  it('logs in again after expiration_duration, and sends a bearer token (SessionTokenRequestBearerAuthenticator)', async () => {
    let n = 0;
    let clock = Date.parse('2024-01-01T00:00:00Z');
    api = await startApi((r) => {
      if (r.path === '/login') return { body: { auth: { token: `s-${++n}` } } };
      clock += 40 * 60_000; // each data request takes 40 minutes
      const page = Number(r.query.get('page') ?? 1);
      return { body: { data: pages.slice(page - 1, page) } };
    });
    await read(session({ type: 'Bearer' }, { expiration_duration: 'PT1H' }), { user: 'ann' }, () => new Date(clock));
    expect(dataRequests(api).map((r) => r.headers.authorization)).toEqual([
      'Bearer s-1',
      'Bearer s-1',
      'Bearer s-2',
      'Bearer s-2',
    ]);
  });
});

describe('OAuthAuthenticator', () => {
  const oauth = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    type: 'OAuthAuthenticator',
    token_refresh_endpoint: `${api?.url ?? ''}/oauth/token`,
    client_id: "{{ config['client_id'] }}",
    client_secret: "{{ config['client_secret'] }}",
    refresh_token: "{{ config['refresh_token'] }}",
    ...extra,
  });
  const config = { client_id: 'cid', client_secret: 'csecret', refresh_token: 'rtoken' };

  it('refreshes with a url-encoded form, sends the access token as bearer, and refreshes again when it expires', async () => {
    let n = 0;
    let clock = Date.parse('2024-01-01T00:00:00Z');
    api = await startApi((r) => {
      if (r.path === '/oauth/token') return { body: { access_token: `a-${++n}`, expires_in: 3600 } };
      clock += 40 * 60_000;
      const page = Number(r.query.get('page') ?? 1);
      return { body: { data: pages.slice(page - 1, page) } };
    });
    const output = await read(oauth({ scopes: ['read', 'write'] }), config, () => new Date(clock));
    const refreshes = api.requests.filter((r) => r.path === '/oauth/token');
    expect(refreshes[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(refreshes[0]?.body))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'cid',
      client_secret: 'csecret',
      refresh_token: 'rtoken',
      scopes: 'read write',
    });
    expect(dataRequests(api).map((r) => r.headers.authorization)).toEqual([
      'Bearer a-1',
      'Bearer a-1',
      'Bearer a-2',
      'Bearer a-2',
    ]);
    for (const secret of ['csecret', 'rtoken', 'a-1', 'a-2']) expect(output.text).not.toContain(secret);
  });

  it('client_credentials sends no refresh token; custom access_token_name is read', async () => {
    api = await authApi(() => ({ token: 'cc-1' }));
    await read(
      oauth({ grant_type: 'client_credentials', access_token_name: 'token', refresh_token: undefined }),
      config,
    );
    const form = Object.fromEntries(new URLSearchParams(api.requests.find((r) => r.path === '/oauth/token')?.body));
    expect(form).toEqual({ grant_type: 'client_credentials', client_id: 'cid', client_secret: 'csecret' });
    expect(new Set(dataRequests(api).map((r) => r.headers.authorization))).toEqual(new Set(['Bearer cc-1']));
  });
});

describe('SelectiveAuthenticator', () => {
  const selective = {
    type: 'SelectiveAuthenticator',
    authenticator_selection_path: ['credentials', 'kind'],
    authenticators: {
      token: { type: 'BearerAuthenticator', api_token: "{{ config['credentials']['token'] }}" },
      key: {
        type: 'ApiKeyAuthenticator',
        api_token: "{{ config['credentials']['key'] }}",
        inject_into: { type: 'RequestOption', inject_into: 'header', field_name: 'X-Key' },
      },
    },
  };

  it('uses the authenticator the config value at authenticator_selection_path names', async () => {
    api = await authApi();
    await read(selective, { credentials: { kind: 'key', key: 'kk' } });
    expect(dataRequests(api).map((r) => [r.headers['x-key'], r.headers.authorization])).toEqual(
      Array.from({ length: 4 }, () => ['kk', undefined]),
    );
  });

  it('fails with a config_error naming the choices when the value names none', async () => {
    api = await authApi();
    const manifest = manifestWith({ requester: requester(api.url, { authenticator: selective }) });
    const output = await readManifest(manifest, { config: { credentials: { kind: 'oauth' } } });
    expect(output.exitCode).toBe(1);
    expect(JSON.stringify(output.traces)).toContain('names none of the authenticators token, key');
  });
});
