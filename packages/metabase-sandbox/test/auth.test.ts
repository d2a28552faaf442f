import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { asJson, call, login } from './https-call.js';

describe('login (POST /api/session)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.stop());

  test('returns {id: uuid} and a secure session cookie; username is case-insensitive', async () => {
    const res = await call(sandbox, 'session', {
      method: 'POST',
      json: { username: sandbox.credentials.username.toUpperCase(), password: sandbox.credentials.password },
    });
    expect(res.status).toBe(200);
    const { id } = asJson<{ id: string }>(res);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(String(res.headers['set-cookie'])).toContain(`metabase.SESSION=${id};HttpOnly`);
  });

  test('wrong password and unknown user get the same 401 body', async () => {
    const wrong = await call(sandbox, 'session', {
      method: 'POST',
      json: { username: 'analyst@example.com', password: 'nope' },
    });
    const unknown = await call(sandbox, 'session', {
      method: 'POST',
      json: { username: 'ghost@example.com', password: 'nope' },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(asJson(res)).toEqual({ errors: { password: 'did not match stored password' } });
    }
  });

  test('missing fields are 400 with malli-style errors', async () => {
    const noUser = await call(sandbox, 'session', { method: 'POST', json: { password: 'x' } });
    expect(noUser.status).toBe(400);
    expect(asJson<{ errors: unknown }>(noUser).errors).toEqual({ username: 'value must be a non-blank string.' });
    const noPassword = await call(sandbox, 'session', { method: 'POST', json: { username: 'a@b.c', password: '  ' } });
    expect(asJson<{ errors: unknown }>(noPassword).errors).toEqual({ password: 'value must be a non-blank string.' });
  });

  test('a deactivated account is refused', async () => {
    const c = sandbox.credentials;
    const res = await call(sandbox, 'session', {
      method: 'POST',
      json: { username: c.deactivatedUsername, password: c.deactivatedPassword },
    });
    expect(res.status).toBe(401);
    expect(asJson(res)).toEqual({ errors: { _error: 'Your account is disabled.' } });
  });

  test('DELETE /api/session logs out (204), then the token is Unauthenticated; no key is 404', async () => {
    const token = await login(sandbox);
    expect((await call(sandbox, 'user/current', { headers: { 'X-Metabase-Session': token } })).status).toBe(200);
    const out = await call(sandbox, 'session', { method: 'DELETE', headers: { 'X-Metabase-Session': token } });
    expect(out.status).toBe(204);
    const after = await call(sandbox, 'user/current', { headers: { 'X-Metabase-Session': token } });
    expect([after.status, after.body]).toEqual([401, 'Unauthenticated']);
    const none = await call(sandbox, 'session', { method: 'DELETE' });
    expect([none.status, none.body]).toEqual([404, 'Not found.']);
    expect(sandbox.stats().logouts).toBe(1);
  });
});

describe('login throttle', () => {
  test('10 failures lock the username; even the right password then fails, with growing waits', async () => {
    let clock = Date.UTC(2024, 0, 1);
    const sandbox = await startSandbox({ now: () => clock });
    try {
      const { username, password } = sandbox.credentials;
      for (let i = 0; i < 10; i++) {
        const res = await call(sandbox, 'session', { method: 'POST', json: { username, password: `wrong-${i}` } });
        expect(asJson(res)).toEqual({ errors: { password: 'did not match stored password' } });
      }
      const eleventh = await call(sandbox, 'session', { method: 'POST', json: { username, password } });
      expect(eleventh.status).toBe(401);
      expect(asJson(eleventh)).toEqual({
        errors: { username: 'Too many attempts! You must wait 15 seconds before trying again.' },
      });
      const twelfth = await call(sandbox, 'session', {
        method: 'POST',
        json: { username: username.toUpperCase(), password },
      });
      expect(asJson(twelfth)).toEqual({
        errors: { username: 'Too many attempts! You must wait 42 seconds before trying again.' },
      });
      clock += 120_000;
      const later = await call(sandbox, 'session', { method: 'POST', json: { username, password } });
      expect(asJson(later)).toEqual({ errors: { username: 'Too many attempts! Please try again later.' } });
      // Other usernames are not affected.
      const other = await call(sandbox, 'session', {
        method: 'POST',
        json: { username: sandbox.credentials.userUsername, password: sandbox.credentials.userPassword },
      });
      expect(other.status).toBe(200);
      // Failures age out after an hour.
      clock += 3_601_000;
      expect((await call(sandbox, 'session', { method: 'POST', json: { username, password } })).status).toBe(200);
      expect(sandbox.stats()).toMatchObject({ logins: 2, failedLogins: 13 });
    } finally {
      await sandbox.stop();
    }
  });
});

test('the per-IP throttle (50 failures, X-Forwarded-For aware) also locks out correct passwords', async () => {
  const sandbox = await startSandbox();
  try {
    const headers = { 'X-Forwarded-For': '203.0.113.9' };
    for (let i = 0; i < 50; i++) {
      const res = await call(sandbox, 'session', {
        method: 'POST',
        headers,
        json: { username: `nobody${i}@example.com`, password: 'x' },
      });
      expect(res.status).toBe(401);
    }
    const { username, password } = sandbox.credentials;
    const locked = await call(sandbox, 'session', { method: 'POST', headers, json: { username, password } });
    expect(asJson(locked)).toEqual({
      errors: { username: 'Too many attempts! You must wait 15 seconds before trying again.' },
    });
    const elsewhere = await call(sandbox, 'session', {
      method: 'POST',
      headers: { 'X-Forwarded-For': '198.51.100.7' },
      json: { username, password },
    });
    expect(elsewhere.status).toBe(200);
  } finally {
    await sandbox.stop();
  }
});

test('extra logins from options.users can sign in as non-admins', async () => {
  const sandbox = await startSandbox({ users: [{ username: 'Dana@Example.com', password: 'dana-pass-1' }] });
  try {
    const token = await login(sandbox, 'dana@example.com', 'dana-pass-1');
    const me = asJson<{ email: string; is_superuser: boolean }>(
      await call(sandbox, 'user/current', { headers: { 'X-Metabase-Session': token } }),
    );
    expect(me).toMatchObject({ email: 'Dana@Example.com', is_superuser: false });
    expect(sandbox.createSession('dana@example.com')).toMatch(/^[0-9a-f-]{36}$/);
  } finally {
    await sandbox.stop();
  }
});

describe('authenticated requests', () => {
  let sandbox: Sandbox;
  let clock = Date.UTC(2024, 5, 1);
  beforeAll(async () => {
    sandbox = await startSandbox({ now: () => clock, sessionMaxAgeMs: 60_000 });
  });
  afterAll(() => sandbox.stop());

  test('no credentials, a bad token or a bad API key: 401 text "Unauthenticated"', async () => {
    const variants: Record<string, string>[] = [
      {},
      { 'X-Metabase-Session': 'a3b5b7a0-0000-4000-8000-000000000000' },
      { 'X-API-Key': 'mb_nottherightkey' },
    ];
    for (const headers of variants) {
      const res = await call(sandbox, 'card', { headers });
      expect([res.status, res.body]).toEqual([401, 'Unauthenticated']);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
    }
  });

  test('session via header or cookie; API keys act as their hidden users', async () => {
    const token = sandbox.createSession();
    expect((await call(sandbox, 'card', { headers: { 'X-Metabase-Session': token } })).status).toBe(200);
    expect((await call(sandbox, 'card', { headers: { Cookie: `metabase.SESSION=${token}` } })).status).toBe(200);
    const me = asJson<{ email: string; is_superuser: boolean }>(
      await call(sandbox, 'user/current', { headers: { 'x-api-key': sandbox.credentials.adminApiKey } }),
    );
    expect(me.email).toMatch(/@api-key\.invalid$/);
    expect(me.is_superuser).toBe(true);
    // A bad session falls back to a valid API key, as in Metabase.
    const both = await call(sandbox, 'user', {
      headers: { 'X-Metabase-Session': 'stale', 'X-API-Key': sandbox.credentials.adminApiKey },
    });
    expect(both.status).toBe(200);
  });

  test('the non-admin key gets 403 on admin-only routes and 200 elsewhere', async () => {
    const headers = { 'X-API-Key': sandbox.credentials.userApiKey };
    for (const path of ['user', 'permissions/group', 'api-key']) {
      const res = await call(sandbox, path, { headers });
      expect([res.status, res.body]).toEqual([403, "You don't have permissions to do that."]);
    }
    expect((await call(sandbox, 'user', { headers: { 'X-API-Key': sandbox.credentials.adminApiKey } })).status).toBe(
      200,
    );
    expect((await call(sandbox, 'card', { headers })).status).toBe(200);
    const user = sandbox.createSession(sandbox.credentials.userUsername);
    expect((await call(sandbox, 'user', { headers: { 'X-Metabase-Session': user } })).status).toBe(403);
  });

  test('sessions expire by age (from creation) and on demand', async () => {
    const token = sandbox.createSession();
    clock += 59_000;
    expect((await call(sandbox, 'user/current', { headers: { 'X-Metabase-Session': token } })).status).toBe(200);
    clock += 2_000;
    expect((await call(sandbox, 'user/current', { headers: { 'X-Metabase-Session': token } })).body).toBe(
      'Unauthenticated',
    );
    const other = sandbox.createSession();
    sandbox.expireSession(other);
    expect((await call(sandbox, 'card', { headers: { 'X-Metabase-Session': other } })).status).toBe(401);
    const a = sandbox.createSession();
    sandbox.expireAllSessions();
    expect((await call(sandbox, 'card', { headers: { 'X-Metabase-Session': a } })).status).toBe(401);
  });
});

test('sessionMaxRequests: a session dies after N authenticated requests', async () => {
  const sandbox = await startSandbox({ sessionMaxRequests: 3 });
  try {
    const token = await login(sandbox);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call(sandbox, 'database', { headers: { 'X-Metabase-Session': token } })).status);
    expect(statuses).toEqual([200, 200, 200, 401, 401]);
    // A fresh login works again.
    expect((await call(sandbox, 'database', { headers: { 'X-Metabase-Session': await login(sandbox) } })).status).toBe(
      200,
    );
    expect([
      sandbox.stats().sessionsExpiredByRequests,
      sandbox.stats().sessionsExpiredByAge,
      sandbox.stats().unauthenticated,
    ]).toEqual([1, 0, 2]);
  } finally {
    await sandbox.stop();
  }
});

test('clockStepMsPerRequest: each request ages sessions, so a 15-minute session ends 15 requests after login', async () => {
  const frozen = Date.UTC(2024, 5, 1);
  const sandbox = await startSandbox({
    now: () => frozen,
    sessionMaxAgeMs: 15 * 60_000,
    clockStepMsPerRequest: 60_000,
  });
  try {
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      const token = await login(sandbox); // the login request is one minute too
      for (let i = 0; i < 16; i++)
        statuses.push((await call(sandbox, 'database', { headers: { 'X-Metabase-Session': token } })).status);
    }
    const round = [...Array<number>(15).fill(200), 401];
    expect(statuses).toEqual([...round, ...round, ...round]);
    expect([
      sandbox.stats().sessionsExpiredByAge,
      sandbox.stats().sessionsExpiredByRequests,
      sandbox.stats().logins,
    ]).toEqual([3, 0, 3]);
  } finally {
    await sandbox.stop();
  }
});

test('revokeApiKey: later requests with the key get 401 Unauthenticated, the other key still works', async () => {
  const sandbox = await startSandbox();
  try {
    const { adminApiKey, userApiKey } = sandbox.credentials;
    expect((await call(sandbox, 'card', { headers: { 'X-API-Key': adminApiKey } })).status).toBe(200);
    sandbox.revokeApiKey(adminApiKey);
    const refused = await call(sandbox, 'card', { headers: { 'X-API-Key': adminApiKey } });
    expect([refused.status, refused.body]).toEqual([401, 'Unauthenticated']);
    expect((await call(sandbox, 'card', { headers: { 'X-API-Key': userApiKey } })).status).toBe(200);
  } finally {
    await sandbox.stop();
  }
});
