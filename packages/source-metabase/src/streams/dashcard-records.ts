import {
  ConnectorError,
  jsonArrayElements,
  jsonObjectMembers,
  withJsonMember,
  type JsonMember,
} from '@mb-airbyte/http-source-kit';

/** Where a dashboard detail lists its cards: `dashcards` from Metabase 0.48, `ordered_cards` before. */
export const dashcardKeys: readonly string[] = ['dashcards', 'ordered_cards'];

function cardsMember(members: readonly JsonMember[]): JsonMember | undefined {
  let found: JsonMember | undefined;
  for (const member of members) if (dashcardKeys.includes(member.key)) found = member;
  return found;
}

/**
 * The dashcards of one dashboard detail (`GET /api/dashboard/{id}`), as the JSON texts Metabase sent, each with
 * `dashboard_id` set to the dashboard's own `id` (its text, as sent) when it is missing or null. Nothing is parsed,
 * so every other byte, big numbers included, stays as Metabase sent it.
 */
export function dashcardRecords(dashboardJson: string): string[] {
  const members = jsonObjectMembers(dashboardJson);
  const list = cardsMember(members);
  let idMember: JsonMember | undefined;
  for (const member of members) if (member.key === 'id') idMember = member;
  const id = idMember === undefined ? 'null' : dashboardJson.slice(idMember.start, idMember.end);
  if (list === undefined) {
    const keys = members
      .slice(0, 20)
      .map((member) => member.key)
      .join(', ');
    throw new ConnectorError({
      failureType: 'system_error',
      message: `Dashboard ${id}: the detail has neither "dashcards" (Metabase 0.48 and later) nor "ordered_cards" (earlier versions), so its cards cannot be read. Top-level keys: ${keys}.`,
    });
  }
  const value = dashboardJson.slice(list.start, list.end);
  if (value === 'null') return [];
  return jsonArrayElements(dashboardJson, list.start).map((card) => {
    if (!card.startsWith('{')) return card; // not an object: refused, with its type, when it is emitted
    let own: JsonMember | undefined;
    for (const member of jsonObjectMembers(card)) if (member.key === 'dashboard_id') own = member;
    const missing = own === undefined || card.slice(own.start, own.end) === 'null';
    return missing && idMember !== undefined ? withJsonMember(card, 'dashboard_id', id) : card;
  });
}
