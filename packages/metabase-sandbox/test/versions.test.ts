// The sandbox imitates each Metabase version and application database: shapes, fields, login modes, paging
// order and timestamp styles differ as in the real releases.
import { afterEach, describe, expect, test } from 'vitest';
import {
  METABASE_VERSIONS,
  PRECISION_PROBE,
  startSandbox,
  type JsonRecord,
  type Sandbox,
  type SandboxOptions,
} from '../src/index.js';
import { asJson, call, login } from './https-call.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function start(options: SandboxOptions): Promise<Sandbox> {
  sandbox = await startSandbox({ seed: 5, shape: 'even', ...options });
  return sandbox;
}

const asAdmin = (s: Sandbox): Record<string, string> => ({ 'X-Metabase-Session': s.createSession() });

describe.each(METABASE_VERSIONS)('version %s', (version) => {
  const minor = version === 'latest' ? 99 : Number(version.slice(2));

  test('reports its tag, names dashboard cards and tabs, types cards and takes API keys as that release does', async () => {
    const s = await start({ version });
    const properties = asJson<{ version: { tag: string } }>(await call(s, 'session/properties'));
    expect(properties.version.tag).toBe(s.versionTag);
    if (version !== 'latest') expect(s.versionTag.startsWith(`v${version}.`)).toBe(true);

    const dashboard = s.expected
      .dashboards()
      .find(
        (d) =>
          Array.isArray(d.dashcards ?? d.ordered_cards) && ((d.dashcards ?? d.ordered_cards) as unknown[]).length > 0,
      );
    const keys = Object.keys(dashboard ?? {});
    expect(keys.includes('dashcards')).toBe(minor >= 48);
    expect(keys.includes('ordered_cards')).toBe(minor < 48);
    expect(keys.includes('tabs')).toBe(minor >= 48);
    expect(keys.includes('ordered_tabs')).toBe(minor === 47);
    const dashcard = ((dashboard?.dashcards ?? dashboard?.ordered_cards) as JsonRecord[])[0] ?? {};
    expect('dashboard_tab_id' in dashcard).toBe(minor >= 47);

    const cards = s.expected.cards();
    expect(cards.every((card) => 'type' in card === minor >= 49)).toBe(true);
    expect(cards.every((card) => 'dataset' in card === minor <= 52)).toBe(true);
    expect(cards.every((card) => card.metabase_version === s.versionTag)).toBe(true);

    const withKey = await call(s, 'user/current', { headers: { 'X-API-Key': s.credentials.adminApiKey } });
    expect([withKey.status, minor >= 49 ? 200 : 401]).toEqual([minor >= 49 ? 200 : 401, withKey.status]);
    if (minor < 49) expect(withKey.body).toBe('Unauthenticated');
  });
});

describe('real-life data (any chosen version)', () => {
  test('null parameters, parameter_mappings and entity_id on some objects; the root collection is "root"', async () => {
    const s = await start({ version: '0.49', scale: 3 });
    const cards = s.expected.cards();
    expect(cards.some((card) => card.parameters === null && card.parameter_mappings === null)).toBe(true);
    expect(cards.some((card) => card.entity_id === null)).toBe(true);
    expect(cards.some((card) => card.collection_id === null && card.collection === null)).toBe(true);
    const dashboards = s.expected.dashboards();
    expect(dashboards.some((d) => d.parameters === null)).toBe(true);
    expect(dashboards.flatMap((d) => d.dashcards as JsonRecord[]).some((c) => c.parameter_mappings === null)).toBe(
      true,
    );
    expect(s.expected.collections()[0]?.id).toBe('root');
    const tidy = await startSandbox({ seed: 5, shape: 'even', scale: 3 });
    try {
      expect(tidy.expected.cards().some((card) => card.parameters === null || card.entity_id === null)).toBe(false);
    } finally {
      await tidy.stop();
    }
  });

  test('0.47 and 0.48 page users without a tie break: equal names come in another order on each request', async () => {
    const s = await start({ version: '0.47', scale: 3 });
    const headers = asAdmin(s);
    const total = s.expected.users().filter((u) => u.is_active === true).length;
    const names = s.expected.users().map((u) => `${String(u.first_name)} ${String(u.last_name)}`.toLowerCase());
    expect(new Set(names).size).toBeLessThan(names.length); // some users share a name
    let broken = 0;
    for (const limit of [2, 3]) {
      for (let round = 0; round < 5; round++) {
        const ids: unknown[] = [];
        for (let offset = 0; offset < total; offset += limit) {
          ids.push(
            ...asJson<{ data: JsonRecord[] }>(
              await call(s, `user?limit=${limit}&offset=${offset}`, { headers }),
            ).data.map((u) => u.id),
          );
        }
        if (new Set(ids).size !== total) broken++; // a user repeated, so another was skipped
      }
    }
    expect(broken).toBeGreaterThan(0);
    const stable = await start({ version: '0.49', scale: 3 });
    const stableHeaders = asAdmin(stable);
    const ids: unknown[] = [];
    for (let offset = 0; offset < total; offset += 2) {
      ids.push(
        ...asJson<{ data: JsonRecord[] }>(
          await call(stable, `user?limit=2&offset=${offset}`, { headers: stableHeaders }),
        ).data.map((u) => u.id),
      );
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('0.51 and 0.52: viewing a dashboard moves its updated_at (the answer itself shows the value before the view)', async () => {
    for (const version of ['0.51', '0.50'] as const) {
      const s = await start({ version });
      const headers = asAdmin(s);
      const id = Number(s.expected.dashboards()[0]?.id);
      const before = String(s.expected.dashboard(id)?.updated_at);
      const first = asJson<JsonRecord>(await call(s, `dashboard/${id}`, { headers }));
      const second = asJson<JsonRecord>(await call(s, `dashboard/${id}`, { headers }));
      expect(first.updated_at).toBe(before);
      if (version === '0.51') expect(Date.parse(String(second.updated_at))).toBeGreaterThan(Date.parse(before));
      else expect(second.updated_at).toBe(before);
      await s.stop();
      sandbox = undefined;
    }
  });
});

describe('application databases', () => {
  test('postgres: microseconds and Z; h2: microseconds and -07:00; mysql: microseconds and no offset, at UTC-05:00', async () => {
    const tidy = await start({});
    const instant = Date.parse(String(tidy.expected.cards()[0]?.updated_at));
    const cardId = tidy.expected.cards()[0]?.id;
    await tidy.stop();
    const patterns = {
      postgres: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
      h2: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}-07:00$/,
      mysql: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/,
    };
    for (const [appDb, pattern] of Object.entries(patterns) as [keyof typeof patterns, RegExp][]) {
      const s = await start({ appDb });
      const card = s.expected.cards().find((c) => c.id === cardId) ?? {};
      const served =
        asJson<JsonRecord[]>(await call(s, 'card', { headers: asAdmin(s) })).find((c) => c.id === cardId) ?? {};
      expect(served.updated_at).toBe(card.updated_at);
      const text = String(card.updated_at);
      expect(text).toMatch(pattern);
      const asUtc = appDb === 'mysql' ? Date.parse(`${text}Z`) + 5 * 3_600_000 : Date.parse(text);
      expect(Math.floor(asUtc)).toBe(instant);
      expect(String((card['last-edit-info'] as JsonRecord).timestamp)).toMatch(pattern);
      await s.stop();
      sandbox = undefined;
    }
  });
});

describe('login modes', () => {
  test("SSO only: every password login is refused with Metabase's words; API keys and sessions still work", async () => {
    const s = await start({ passwordLogin: false });
    const res = await call(s, 'session', {
      method: 'POST',
      json: { username: s.credentials.username, password: s.credentials.password },
    });
    expect([res.status, asJson(res)]).toEqual([
      401,
      { errors: { password: 'Password login is disabled for this instance.' } },
    ]);
    expect(asJson<JsonRecord>(await call(s, 'session/properties'))['enable-password-login']).toBe(false);
    expect((await call(s, 'user/current', { headers: { 'X-API-Key': s.credentials.adminApiKey } })).status).toBe(200);
  });

  test('a group manager gets 200 from GET /api/user with only the users of the group it manages', async () => {
    const s = await start({ groupManager: true, scale: 3 });
    const { groupManagerUsername, groupManagerPassword } = s.credentials;
    const token = await login(s, groupManagerUsername, groupManagerPassword);
    const headers = { 'X-Metabase-Session': token };
    const me = asJson<JsonRecord>(await call(s, 'user/current', { headers }));
    expect(me.is_superuser).toBe(false);
    const body = asJson<{ data: JsonRecord[]; total: number }>(await call(s, 'user?status=all', { headers }));
    const group = (me.group_ids as number[]).find((id) => id > 2);
    const members = s.expected.users().filter((u) => (u.group_ids as number[]).includes(group ?? -1));
    expect(body.data.map((u) => u.id).sort()).toEqual(members.map((u) => u.id).sort());
    expect(body.total).toBeLessThan(s.expected.users().length);
    const groups = asJson<JsonRecord[]>(await call(s, 'permissions/group', { headers }));
    expect(groups.map((g) => g.id)).toEqual([group]);
    const analyst = await call(s, 'user', {
      headers: { 'X-Metabase-Session': await login(s, s.credentials.userUsername, s.credentials.userPassword) },
    });
    expect(analyst.status).toBe(403);
  });
});

describe('precision probe', () => {
  test('every object of every body carries numbers no double can hold, as text', async () => {
    const s = await start({ precisionProbe: true });
    const res = await call(s, 'dashboard/1', { headers: asAdmin(s) });
    let objects = 0;
    const walk = (value: unknown): void => {
      if (value === null || typeof value !== 'object') return;
      if (!Array.isArray(value)) {
        objects++;
        expect(Object.keys(value)[0]).toBe('precision_probe');
      }
      for (const [key, child] of Object.entries(value)) if (key !== 'precision_probe') walk(child);
    };
    walk(JSON.parse(res.body));
    expect(objects).toBeGreaterThan(10);
    expect(res.body.split(PRECISION_PROBE).length - 1).toBe(objects);
    expect(JSON.parse(res.body)).toEqual(s.expected.dashboard(1));
  });
});
