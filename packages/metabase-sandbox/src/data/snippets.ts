// Native query snippets (GET /api/native-query-snippet), ordered by lower(name).
import { between, nanoId, pick, unit } from '../prng.js';
import type { JsonRecord } from '../types.js';
import { iso, laterThan, momentAt } from './time.js';
import { userInfo, type UserModel } from './users.js';
import { SNIPPET_SUBJECTS } from './words.js';

const KIND = 81;

export function buildSnippets(seed: number, scale: number, users: readonly UserModel[]): JsonRecord[] {
  const count = 3 + Math.round(scale / 2);
  const rows: JsonRecord[] = [];
  for (let id = 1; id <= count; id++) {
    const r = (k: number): number => unit(seed, KIND, id, k);
    const creator = pick(users.slice(0, Math.min(users.length, 6)), r(1));
    const subject = pick(SNIPPET_SUBJECTS, r(2));
    const created = momentAt(r(3) * 0.9, r(4));
    rows.push({
      id,
      name: id <= SNIPPET_SUBJECTS.length ? subject : `${subject} ${id}`,
      description: r(5) < 0.5 ? null : `Reusable filter for ${subject}.`,
      content: `${subject.replace(/\W+/g, '_')} = TRUE AND created_at >= DATE '2022-0${between(r(6), 1, 9)}-01'`,
      collection_id: null,
      creator_id: creator.id,
      creator: userInfo(creator),
      archived: id > 2 && r(7) < 0.1,
      entity_id: nanoId(seed, KIND, id),
      template_tags: {},
      created_at: iso(created),
      updated_at: iso(laterThan(created, r(8), 90)),
    });
  }
  return rows.sort(
    (a, b) => String(a.name).toLowerCase().localeCompare(String(b.name).toLowerCase()) || Number(a.id) - Number(b.id),
  );
}
