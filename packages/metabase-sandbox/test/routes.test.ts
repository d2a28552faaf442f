import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSandbox, type JsonRecord, type Sandbox } from '../src/index.js';
import { asJson, call, type CallResult } from './https-call.js';

let sandbox: Sandbox;
let admin: Record<string, string>;
let analyst: Record<string, string>;
const get = (path: string, headers = admin): Promise<CallResult> => call(sandbox, path, { headers });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
  admin = { 'X-Metabase-Session': sandbox.createSession() };
  analyst = { 'X-API-Key': sandbox.credentials.userApiKey };
});
afterAll(() => sandbox.stop());

describe('GET /api/user', () => {
  test('without limit/offset: every active user, limit and offset null', async () => {
    const body = asJson<{ data: JsonRecord[]; total: number; limit: null; offset: null }>(await get('user'));
    const active = sandbox.expected.users().filter((u) => u.is_active === true);
    expect(body).toEqual({ data: active, total: active.length, limit: null, offset: null });
  });

  test('either paging param pages; the other defaults to limit 50 / offset 0', async () => {
    const all = sandbox.expected.users().filter((u) => u.is_active === true);
    const limited = asJson<{ data: JsonRecord[]; limit: number; offset: number; total: number }>(
      await get('user?limit=3'),
    );
    expect([limited.limit, limited.offset, limited.total]).toEqual([3, 0, all.length]);
    expect(limited.data.map((u) => u.id)).toEqual(all.slice(0, 3).map((u) => u.id));
    const offset = asJson<{ data: JsonRecord[]; limit: number; offset: number }>(await get('user?offset=2'));
    expect([offset.limit, offset.offset]).toEqual([50, 2]);
    expect(offset.data.map((u) => u.id)).toEqual(all.slice(2, 52).map((u) => u.id));
    const bad = await get('user?limit=abc');
    expect(bad.status).toBe(400);
    expect(asJson<{ message: string }>(bad).message).toMatch(/^Error parsing paging parameters/);
  });

  test('status and include_deactivated choose deactivated users; status wins', async () => {
    const everyone = asJson<{ total: number }>(await get('user?include_deactivated=true')).total;
    expect(everyone).toBe(sandbox.expected.users().length);
    const gone = asJson<{ data: JsonRecord[] }>(await get('user?status=deactivated')).data;
    expect(gone.length).toBeGreaterThan(0);
    expect(gone.every((u) => u.is_active === false)).toBe(true);
    const wins = asJson<{ data: JsonRecord[] }>(await get('user?status=active&include_deactivated=true')).data;
    expect(wins.every((u) => u.is_active === true)).toBe(true);
  });

  test('GET /api/user/current works for any caller', async () => {
    const me = asJson<JsonRecord>(await get('user/current'));
    expect(me).toMatchObject({
      id: 1,
      email: sandbox.credentials.username,
      is_superuser: true,
      personal_collection_id: 1,
    });
    expect(asJson<JsonRecord>(await get('user/current', analyst)).is_superuser).toBe(false);
  });
});

describe('list routes', () => {
  test('cards: bare array equal to expected, with or without trailing slash', async () => {
    const cards = asJson<JsonRecord[]>(await get('card'));
    expect(cards).toEqual(sandbox.expected.cards());
    expect((await get('card/')).body).toBe((await get('card')).body);
    expect(cards.some((c) => c.query_type === 'native') && cards.some((c) => c.query_type === 'query')).toBe(true);
    const archived = asJson<JsonRecord[]>(await get('card?f=archived'));
    expect(archived.length).toBeGreaterThan(0);
    expect(archived.every((c) => c.archived === true)).toBe(true);
    const noModel = await get('card?f=database');
    expect(asJson(noModel)).toEqual({
      errors: { model_id: "model_id is a required parameter when filter mode is 'database'" },
    });
  });

  test('collections: root pseudo-collection first, every personal collection for admins, only own for others', async () => {
    const rows = asJson<JsonRecord[]>(await get('collection'));
    expect(rows[0]).toEqual({
      name: 'Our analytics',
      id: 'root',
      namespace: null,
      is_personal: false,
      authority_level: null,
      can_write: true,
    });
    expect(rows).toEqual(sandbox.expected.collections());
    const personal = rows.filter((c) => typeof c.personal_owner_id === 'number');
    expect(personal.length).toBe(sandbox.expected.users().length);
    expect(personal.every((c) => c.is_personal === true && c.location === '/')).toBe(true);
    expect(personal.find((c) => c.personal_owner_id === 1)?.name).toBe("Sandbox Admin's Personal Collection");
    // Collections inside a personal collection are personal too, with no owner of their own.
    const personalIds = new Set(personal.map((c) => c.id));
    const inside = rows.filter((c) => c.is_personal === true && c.personal_owner_id === null);
    expect(inside.length).toBeGreaterThan(0);
    for (const c of inside) expect(personalIds.has(Number(String(c.location).split('/')[1]))).toBe(true);
    const mine = asJson<JsonRecord[]>(await get('collection', analyst)).filter((c) => c.is_personal === true);
    expect(mine.length).toBe(0);
    const archived = asJson<JsonRecord[]>(await get('collection?archived=true'));
    expect(archived.at(-1)).toMatchObject({ name: 'Trash', type: 'trash' });
  });

  test('collection items: {total,data,models,limit,offset}, root or numeric id, dashboards only', async () => {
    const root = asJson<{ total: number; data: JsonRecord[]; models: string[]; limit: null; offset: null }>(
      await get('collection/root/items?models=dashboard'),
    );
    expect(root.models).toEqual(['dashboard']);
    expect(root.data).toEqual(sandbox.expected.collectionItems('root'));
    expect(root.data.every((d) => d.model === 'dashboard')).toBe(true);
    expect([root.limit, root.offset, root.total]).toEqual([null, null, root.data.length]);
    let found = 0;
    for (const c of sandbox.expected.collections().slice(1)) {
      const items = asJson<{ data: JsonRecord[] }>(await get(`collection/${String(c.id)}/items?models=dashboard`)).data;
      found += items.length;
    }
    expect(found + root.data.length).toBe(sandbox.expected.dashboardCount());
    expect((await get('collection/999999/items?models=dashboard')).body).toBe('Not found.');
  });

  test('dashboards: detail with dashcards and tabs; legacy list sorted by name', async () => {
    const details = sandbox.expected.dashboards();
    expect(details.some((d) => (d.dashcards as unknown[]).length > 0)).toBe(true);
    expect(details.some((d) => (d.tabs as unknown[]).length > 0)).toBe(true);
    const first = details[0]!;
    expect(asJson(await get(`dashboard/${String(first.id)}`))).toEqual(first);
    const list = asJson<JsonRecord[]>(await get('dashboard'));
    const names = list.map((d) => String(d.name).toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(list.every((d) => !('dashcards' in d) && typeof d.creator === 'object')).toBe(true);
  });

  test('databases {data,total}: details only for admins', async () => {
    const body = asJson<{ data: JsonRecord[]; total: number }>(await get('database'));
    expect(Object.keys(body)).toEqual(['data', 'total']);
    expect(body.data).toEqual(sandbox.expected.databases());
    expect(body.data.every((d) => 'details' in d)).toBe(true);
    const asUser = asJson<{ data: JsonRecord[] }>(await get('database', analyst));
    expect(asUser.data.some((d) => 'details' in d)).toBe(false);
  });

  test('snippets, tables, segments, groups, alerts are bare arrays matching expected', async () => {
    expect(asJson(await get('native-query-snippet'))).toEqual(sandbox.expected.nativeQuerySnippets());
    expect(asJson(await get('table'))).toEqual(sandbox.expected.tables());
    expect(asJson(await get('segment'))).toEqual(sandbox.expected.segments());
    expect(asJson(await get('permissions/group'))).toEqual(sandbox.expected.permissionGroups());
    expect(asJson(await get('alert'))).toEqual(sandbox.expected.alerts());
    for (const list of [
      sandbox.expected.nativeQuerySnippets(),
      sandbox.expected.tables(),
      sandbox.expected.segments(),
      sandbox.expected.alerts(),
    ]) {
      expect(list.length).toBeGreaterThan(0);
    }
  });

  test('GET /api/field/:id hydrates its table', async () => {
    const field = asJson<JsonRecord & { table: JsonRecord }>(await get('field/1'));
    expect(field.id).toBe(1);
    expect(field.table.id).toBe(field.table_id);
  });
});

describe('errors', () => {
  test('removed and unknown routes: 404 "API endpoint does not exist."', async () => {
    for (const path of ['activity', 'metric', 'nothing/here']) {
      const res = await get(path);
      expect([res.status, res.body]).toEqual([404, 'API endpoint does not exist.']);
    }
  });

  test('missing objects: 404 "Not found."; non-integer ids: 400', async () => {
    for (const path of [
      'card/999999',
      'dashboard/999999',
      'collection/999999',
      'database/999',
      'field/999999',
      'user/999999',
    ]) {
      const res = await get(path);
      expect([path, res.status, res.body]).toEqual([path, 404, 'Not found.']);
    }
    const bad = await get('dashboard/abc');
    expect(bad.status).toBe(400);
    expect(asJson<{ errors: JsonRecord }>(bad).errors).toEqual({ id: 'value must be an integer greater than zero.' });
  });
});

describe('Date header', () => {
  test('shows the real time by default, or the host clock given as dateHeaderClock (every route, errors too)', async () => {
    const before = Date.now();
    const now = Date.parse((await get('card')).headers.date ?? '');
    expect(now).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    const behind = await startSandbox({ seed: 7, dateHeaderClock: () => Date.parse('2001-02-03T04:05:06Z') });
    try {
      const session = { 'X-Metabase-Session': behind.createSession() };
      for (const path of ['card', 'nothing/here']) {
        const res = await call(behind, path, { headers: session });
        expect(res.headers.date).toBe('Sat, 03 Feb 2001 04:05:06 GMT');
      }
    } finally {
      await behind.stop();
    }
  });
});
