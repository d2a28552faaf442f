import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox, type JsonRecord, type Sandbox } from '../src/index.js';
import { asJson, call } from './https-call.js';

let sandbox: Sandbox;
let headers: Record<string, string>;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 2 });
  headers = { 'X-API-Key': sandbox.credentials.adminApiKey };
});
afterAll(() => sandbox.stop());

const cards = async (query = ''): Promise<JsonRecord[]> =>
  asJson<JsonRecord[]>(await call(sandbox, `card${query}`, { headers }));

test('touchCard bumps updated_at, last-edit-info and the description', async () => {
  const before = (await cards()).find((c) => c.id === 5)!;
  const at = new Date('2030-01-02T03:04:05.678Z');
  sandbox.mutate.touchCard(5, at);
  const after = (await cards()).find((c) => c.id === 5)!;
  expect(after.updated_at).toBe('2030-01-02T03:04:05.678Z');
  expect((after['last-edit-info'] as JsonRecord).timestamp).toBe('2030-01-02T03:04:05.678Z');
  expect(after.description).not.toBe(before.description);
  expect({ ...after, updated_at: 0, description: 0, 'last-edit-info': 0 }).toEqual({
    ...before,
    updated_at: 0,
    description: 0,
    'last-edit-info': 0,
  });
  expect(sandbox.expected.cards().find((c) => c.id === 5)).toEqual(after);
});

test('archiveCard moves a card from the default list to f=archived', async () => {
  const id = (await cards())[0]!.id as number;
  sandbox.mutate.archiveCard(id);
  expect((await cards()).some((c) => c.id === id)).toBe(false);
  expect((await cards('?f=archived')).find((c) => c.id === id)?.archived).toBe(true);
  expect(sandbox.expected.cards().some((c) => c.id === id)).toBe(false);
});

test('addDashboard appears in collection items, the legacy list and /api/dashboard/:id', async () => {
  const { id } = sandbox.mutate.addDashboard('root', 'Fresh Board');
  const items = asJson<{ data: JsonRecord[] }>(
    await call(sandbox, 'collection/root/items?models=dashboard', { headers }),
  ).data;
  expect(items.find((d) => d.id === id)?.name).toBe('Fresh Board');
  const detail = asJson<JsonRecord>(await call(sandbox, `dashboard/${id}`, { headers }));
  expect(detail).toMatchObject({ id, name: 'Fresh Board', collection_id: null, dashcards: [], tabs: [] });
  expect(asJson<JsonRecord[]>(await call(sandbox, 'dashboard', { headers })).some((d) => d.id === id)).toBe(true);
  const inCollection = sandbox.mutate.addDashboard(20);
  expect(sandbox.expected.collectionItems(20).some((d) => d.id === inCollection.id)).toBe(true);
  expect(() => sandbox.mutate.addDashboard(999_999)).toThrow(RangeError);
  expect(() => {
    sandbox.mutate.touchCard(999_999);
  }).toThrow(RangeError);
});

test('touchDashboard moves the revision (items row and detail) and updated_at; cardsOnly leaves updated_at alone', async () => {
  const detail = async (id: number) => asJson<JsonRecord>(await call(sandbox, `dashboard/${id}`, { headers }));
  const itemRow = async (id: number) => {
    const collection = (await detail(id)).collection_id;
    const path = `collection/${typeof collection === 'number' ? String(collection) : 'root'}/items?models=dashboard`;
    return asJson<{ data: JsonRecord[] }>(await call(sandbox, path, { headers })).data.find((row) => row.id === id)!;
  };
  const id = 3;
  const before = await detail(id);
  sandbox.mutate.touchDashboard(id, new Date('2031-05-06T07:08:09.010Z'));
  const edited = await detail(id);
  expect(edited.updated_at).toBe('2031-05-06T07:08:09.010Z');
  expect((edited['last-edit-info'] as JsonRecord).timestamp).toBe('2031-05-06T07:08:09.010Z');
  expect(((await itemRow(id))['last-edit-info'] as JsonRecord).timestamp).toBe('2031-05-06T07:08:09.010Z');
  sandbox.mutate.touchDashboard(id, new Date('2032-01-01T00:00:00.000Z'), { cardsOnly: true });
  const cardsOnly = await detail(id);
  expect(cardsOnly.updated_at).toBe('2031-05-06T07:08:09.010Z');
  expect((cardsOnly['last-edit-info'] as JsonRecord).timestamp).toBe('2032-01-01T00:00:00.000Z');
  expect(((await itemRow(id))['last-edit-info'] as JsonRecord).timestamp).toBe('2032-01-01T00:00:00.000Z');
  for (const dashcard of cardsOnly.dashcards as JsonRecord[])
    expect(dashcard.updated_at).toBe('2032-01-01T00:00:00.000Z');
  // Tabs follow the dashboard row's updated_at (moved by the first edit).
  const rest = (d: JsonRecord) => ({ ...d, updated_at: 0, 'last-edit-info': 0, dashcards: 0, tabs: 0 });
  expect(rest(cardsOnly)).toEqual(rest(before));
  expect(sandbox.expected.dashboard(id)).toEqual(cardsOnly);
  expect(() => {
    sandbox.mutate.touchDashboard(999_999);
  }).toThrow(RangeError);
});
