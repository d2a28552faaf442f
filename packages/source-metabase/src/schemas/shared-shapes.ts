import { nullable, nullableObject, nullableTimestamp, type JsonSchema } from './json-schema.js';

// Shapes that Metabase hydrates into several resources. Builders, so each stream gets its own copy.

/** `creator` on cards, snippets, segments and alerts (Metabase's "user info"). */
export function userInfo(): JsonSchema {
  return nullableObject({
    common_name: nullable('string'),
    date_joined: nullableTimestamp(),
    email: nullable('string'),
    first_name: nullable('string'),
    id: nullable('integer'),
    is_qbnewb: nullable('boolean'),
    is_superuser: nullable('boolean'),
    last_login: nullableTimestamp(),
    last_name: nullable('string'),
  });
}

/** `last-edit-info`: who last changed the item, and when. */
export function lastEditInfo(): JsonSchema {
  return nullableObject({
    email: nullable('string'),
    first_name: nullable('string'),
    id: nullable('integer'),
    last_name: nullable('string'),
    timestamp: nullableTimestamp(),
  });
}

/** A collection hydrated into a card or dashboard. Its id is "root" for the root collection. */
export function collectionSummary(): JsonSchema {
  return nullableObject({
    archived: nullable('boolean'),
    authority_level: nullable('string'),
    color: nullable('string'),
    description: nullable('string'),
    entity_id: nullable('string'),
    id: nullable('integer', 'string'),
    is_personal: nullable('boolean'),
    location: nullable('string'),
    name: nullable('string'),
    namespace: nullable('string'),
    personal_owner_id: nullable('integer'),
    slug: nullable('string'),
    type: nullable('string'),
  });
}

/** A dashboard or card filter parameter. `default` may be a single value or a list of values. */
export function parameterProperties(): Record<string, JsonSchema> {
  return {
    default: {
      type: ['null', 'array', 'string', 'number', 'integer', 'boolean'],
      items: { type: ['null', 'array', 'boolean', 'integer', 'number', 'string'] },
    },
    id: nullable('string'),
    name: nullable('string'),
    required: nullable('boolean'),
    sectionId: nullable('string'),
    slug: nullable('string'),
    type: nullable('string'),
    values_query_type: nullable('string'),
    values_source_config: nullableObject(),
    values_source_type: nullable('string'),
  };
}

/** A moderation review (verified / unverified) on a card or dashboard. */
export function moderationReview(): JsonSchema {
  return nullableObject({
    created_at: nullableTimestamp(),
    id: nullable('integer'),
    moderated_item_id: nullable('integer'),
    moderated_item_type: nullable('string'),
    moderator_id: nullable('integer'),
    most_recent: nullable('boolean'),
    status: nullable('string'),
    text: nullable('string'),
    updated_at: nullableTimestamp(),
  });
}
