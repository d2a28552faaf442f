// Alerts (GET /api/alert, 0.50 pulse-based shape): a card, a condition and email channels.
import { between, nanoId, pick, unit } from '../prng.js';
import type { JsonRecord } from '../types.js';
import type { CardSource } from './cards.js';
import { iso, laterThan, momentAt } from './time.js';
import { commonName, userInfo, type UserModel } from './users.js';

const KIND = 95;

export function buildAlerts(seed: number, scale: number, cards: CardSource, users: readonly UserModel[]): JsonRecord[] {
  const count = 2 + Math.round(scale / 2);
  const rows: JsonRecord[] = [];
  for (let id = 1; id <= count; id++) {
    const r = (k: number): number => unit(seed, KIND, id, k);
    const cardId = 1 + Math.floor(r(1) * cards.count);
    const card = cards.record(cardId);
    const creator = pick(users.slice(0, Math.min(users.length, 8)), r(2));
    const recipient = pick(users, r(3));
    const created = momentAt(r(4) * 0.9, r(5));
    const goal = r(6) < 0.3;
    rows.push({
      id,
      name: null,
      alert_condition: goal ? 'goal' : 'rows',
      alert_above_goal: goal ? r(7) < 0.5 : null,
      alert_first_only: r(8) < 0.2,
      skip_if_empty: true,
      parameters: [],
      dashboard_id: null,
      card: {
        id: cardId,
        name: card.name,
        description: card.description,
        collection_id: card.collection_id,
        display: card.display,
        include_csv: false,
        include_xls: false,
        format_rows: true,
        pivot_results: false,
        dashboard_card_id: null,
        parameter_mappings: null,
      },
      channels: [
        {
          id,
          channel_type: 'email',
          enabled: true,
          schedule_type: pick(['hourly', 'daily', 'weekly'], r(9)),
          schedule_hour: between(r(10), 0, 23),
          schedule_day: null,
          schedule_frame: null,
          details: {},
          pulse_id: id,
          created_at: iso(created),
          updated_at: iso(created),
          recipients: [
            {
              id: recipient.id,
              email: recipient.email,
              first_name: recipient.firstName,
              last_name: recipient.lastName,
              common_name: commonName(recipient),
            },
          ],
        },
      ],
      creator_id: creator.id,
      creator: userInfo(creator),
      collection_id: card.collection_id,
      collection_position: null,
      can_write: true,
      archived: false,
      entity_id: nanoId(seed, KIND, id),
      created_at: iso(created),
      updated_at: iso(laterThan(created, r(11), 30)),
    });
  }
  return rows;
}
