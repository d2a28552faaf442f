import { afterEach, describe, expect, it } from 'vitest';
import { sendJson, startTestServer, testCaPem, type TestServer } from '../../test/support/https-test-server.js';
import { HttpClient } from '../http/index.js';
import { apiKeyAuth, bearerAuth, noAuth, type Authenticator } from './index.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('static authenticators', () => {
  it.each<[string, Authenticator, Record<string, string | undefined>]>([
    ['none', noAuth(), { 'x-api-key': undefined, authorization: undefined }],
    ['api key', apiKeyAuth({ header: 'X-API-Key', value: 'mb_key' }), { 'x-api-key': 'mb_key' }],
    ['bearer', bearerAuth({ token: 'tok' }), { authorization: 'Bearer tok' }],
  ])('%s sends its header, and none when a request opts out', async (_name, authenticator, expected) => {
    server = await startTestServer('trusted', (_req, res) => {
      sendJson(res, 200, {});
    });
    const http = new HttpClient({ baseUrl: server.url, caCertPem: testCaPem, userAgent: 't/1', authenticator });
    await http.json({ path: 'a' });
    await http.json({ path: 'b', auth: false });
    await http.close();
    const sent = server.requests[0]?.headers ?? {};
    for (const [name, value] of Object.entries(expected)) expect(sent[name]).toBe(value);
    expect(server.requests[1]?.headers['x-api-key']).toBeUndefined();
    expect(server.requests[1]?.headers.authorization).toBeUndefined();
    expect(authenticator.describe()).not.toMatch(/mb_key|tok\b/);
  });

  it('report their secrets for masking', () => {
    expect(apiKeyAuth({ header: 'X-API-Key', value: 'mb_key' }).secrets()).toEqual(['mb_key']);
    expect(bearerAuth({ token: 'tok' }).secrets()).toEqual(['tok']);
    expect(noAuth().secrets()).toEqual([]);
  });
});
