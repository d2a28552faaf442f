import { describe, expect, it } from 'vitest';
import { buildUrl } from './build-url.js';
import { defaultErrorTable, mergeErrorTables, ruleFor, ruleMessage } from './error-table.js';
import { nextRedirect, withoutCredentials } from './redirects.js';
import { Semaphore } from './semaphore.js';

describe('buildUrl', () => {
  it('gives the same URL for a base with or without a trailing slash and a path with or without a leading one', () => {
    const urls = ['https://h/api', 'https://h/api/'].flatMap((base) =>
      ['card', '/card'].map((path) => buildUrl(base, path).toString()),
    );
    expect(new Set(urls)).toEqual(new Set(['https://h/api/card']));
  });

  it('appends defined params, encoded, and keeps an absolute URL', () => {
    expect(buildUrl('https://h/api', 'search', { q: 'a b&c', n: 2, f: false, skip: undefined }).toString()).toBe(
      'https://h/api/search?q=a+b%26c&n=2&f=false',
    );
    expect(buildUrl('https://h/api', 'https://other/x?y=1').toString()).toBe('https://other/x?y=1');
  });

  it('encodes params exactly as URLSearchParams does, and adds them to a query the path already has', () => {
    const params = { text: "a b+c&d=e/f?g!h'i(j)k~l*m-n.o_p", unicode: 'é 日本 😀', empty: '', 'k e y': 'v' };
    expect(buildUrl('https://h/api', 'search', params).search).toBe(`?${new URLSearchParams(params).toString()}`);
    expect(buildUrl('https://h/api', 'search?a=1', { b: 2 }).toString()).toBe('https://h/api/search?a=1&b=2');
  });

  it('keeps a path that looks like a scheme under the base, and resolves dot segments as a relative URL would', () => {
    expect(buildUrl('https://h/api', 'mailto:x').toString()).toBe('https://h/api/mailto:x');
    for (const path of ['card/../user', './card/1', 'card/%2E%2E/x', 'a b/c?d=e f#g'])
      expect(buildUrl('https://h/api/', path).toString(), path).toBe(new URL(path, 'https://h/api/').toString());
  });
});

describe('error table', () => {
  it('looks up the exact status, then its class, then default; network separately', () => {
    expect(ruleFor(defaultErrorTable, 401)).toMatchObject({ action: 'fail', failureType: 'config_error' });
    expect(ruleFor(defaultErrorTable, 503)).toMatchObject({ action: 'retry', failureType: 'transient_error' });
    expect(ruleFor(defaultErrorTable, 418)).toMatchObject({ action: 'fail', failureType: 'system_error' });
    expect(ruleFor(defaultErrorTable, 302)).toMatchObject({ action: 'fail' });
    expect(ruleFor(defaultErrorTable, undefined)).toMatchObject({ action: 'retry' });
  });

  it('merges later tables over earlier ones row by row', () => {
    const table = mergeErrorTables(
      defaultErrorTable,
      { 404: { action: 'ignore', failureType: 'system_error' } },
      undefined,
    );
    expect(ruleFor(table, 404).action).toBe('ignore');
    expect(ruleFor(table, 401).action).toBe('fail');
    expect(defaultErrorTable[404]?.action).toBe('fail');
  });

  it('builds messages from a function, a string, or the default wording', () => {
    const context = { status: 500, method: 'GET', url: 'https://h/x', body: 'oops' };
    expect(ruleMessage({ action: 'fail', failureType: 'system_error' }, context)).toBe(
      'GET https://h/x failed with HTTP 500: oops',
    );
    expect(ruleMessage({ action: 'fail', failureType: 'system_error', message: 'fixed' }, context)).toBe('fixed');
    expect(
      ruleMessage({ action: 'fail', failureType: 'system_error', message: (c) => `got ${c.status}` }, context),
    ).toBe('got 500');
  });
});

describe('redirect rules', () => {
  it('strips every header that can carry credentials', () => {
    expect(
      withoutCredentials({
        Authorization: 'a',
        Cookie: 'c',
        'X-API-Key': 'k',
        'X-Metabase-Session': 's',
        'x-auth-token': 't',
        accept: 'json',
        'x-trace': '1',
      }),
    ).toEqual({
      accept: 'json',
      'x-trace': '1',
    });
  });

  it('resolves relative locations, downgrades POST on 303, refuses https to http', () => {
    const from = new URL('https://h/api/a');
    expect(nextRedirect(from, 'POST', 303, '../b', 0)).toMatchObject({ method: 'GET', dropBody: true });
    expect(nextRedirect(from, 'POST', 307, 'b', 0)).toMatchObject({ method: 'POST', dropBody: false });
    expect(nextRedirect(from, 'GET', 301, '/b', 0).url.toString()).toBe('https://h/b');
    expect(() => nextRedirect(from, 'GET', 302, 'http://h/b', 0)).toThrow(/from https to http/);
    expect(() => nextRedirect(from, 'GET', 302, 'file:///etc/passwd', 0)).toThrow(/file:/);
    expect(() => nextRedirect(from, 'GET', 302, undefined, 0)).toThrow(/without a Location/);
  });

  it('refuses to resend a body to another origin, and only that', () => {
    const from = new URL('https://h/api/session');
    expect(() => nextRedirect(from, 'POST', 307, 'https://other/x?k=v', 0, true)).toThrow(
      /another origin \(https:\/\/other\)/,
    );
    expect(() => nextRedirect(from, 'PUT', 302, 'https://h:8443/x', 0, true)).toThrow(/never forwards credentials/);
    expect(nextRedirect(from, 'POST', 308, '/api/session2', 0, true)).toMatchObject({
      method: 'POST',
      dropBody: false,
    });
    expect(nextRedirect(from, 'POST', 302, 'https://other/x', 0, true)).toMatchObject({
      method: 'GET',
      dropBody: true,
    });
    expect(nextRedirect(from, 'GET', 307, 'https://other/x', 0, false).url.origin).toBe('https://other');
  });
});

describe('Semaphore', () => {
  it('admits at most `limit` holders and serves waiters in order', async () => {
    const semaphore = new Semaphore(2);
    const order: string[] = [];
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const c = semaphore.acquire().then((release) => (order.push('c'), release));
    const d = semaphore.acquire().then((release) => (order.push('d'), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(semaphore.inUse).toBe(2);
    a();
    a(); // a second release is ignored
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(semaphore.inUse).toBe(0);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
