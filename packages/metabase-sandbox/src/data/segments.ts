// Legacy segments (GET /api/segment): table-scoped saved filters.
import { nanoId, pick, unit } from '../prng.js';
import type { JsonRecord } from '../types.js';
import type { TableModel } from './catalog.js';
import { iso, laterThan, momentAt } from './time.js';
import { userInfo, type UserModel } from './users.js';

const KIND = 91;

export function buildSegments(
  seed: number,
  scale: number,
  tables: readonly TableModel[],
  users: readonly UserModel[],
): JsonRecord[] {
  const count = 2 + Math.round(scale * 0.3);
  const rows: JsonRecord[] = [];
  for (let id = 1; id <= count; id++) {
    const r = (k: number): number => unit(seed, KIND, id, k);
    const table = pick(tables, r(1));
    const field = table.fields[1] ?? table.fields[0];
    const creator = pick(users.slice(0, Math.min(users.length, 5)), r(2));
    const created = momentAt(r(3) * 0.9, r(4));
    rows.push({
      description: r(5) < 0.5 ? null : 'Rows that count for reporting.',
      archived: id > 1 && r(6) < 0.1,
      table_id: table.id,
      definition: { 'source-table': table.id, filter: ['not-null', ['field', field?.id ?? 1, null]] },
      definition_description: `Filtered by ${field?.displayName ?? 'ID'} is not empty`,
      creator: userInfo(creator),
      name: `${String(table.record.display_name)} with ${field?.displayName ?? 'ID'}`,
      caveats: null,
      creator_id: creator.id,
      updated_at: iso(laterThan(created, r(7), 60)),
      id,
      show_in_getting_started: false,
      entity_id: nanoId(seed, KIND, id),
      created_at: iso(created),
      points_of_interest: null,
    });
  }
  return rows.sort(
    (a, b) => String(a.name).toLowerCase().localeCompare(String(b.name).toLowerCase()) || Number(a.id) - Number(b.id),
  );
}
