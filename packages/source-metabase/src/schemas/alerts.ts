import {
  nullable,
  nullableArray,
  nullableObject,
  nullableObjectArray,
  nullableTimestamp,
  streamSchema,
  type JsonSchema,
} from './json-schema.js';
import { userInfo } from './shared-shapes.js';

/** `alerts`: question alerts, `GET /api/alert` (deprecated by Metabase in 0.52 but still served). */
export function alertsSchema(): JsonSchema {
  return streamSchema({
    alert_above_goal: nullable('boolean'),
    alert_condition: nullable('string'),
    alert_first_only: nullable('boolean'),
    archived: nullable('boolean'),
    can_write: nullable('boolean'),
    card: nullableObject({
      dashboard_card_id: nullable('integer'),
      display: nullable('string'),
      format_rows: nullable('boolean'),
      id: nullable('integer'),
      include_csv: nullable('boolean'),
      include_xls: nullable('boolean'),
      name: nullable('string'),
    }),
    channels: nullableObjectArray({
      channel_type: nullable('string'),
      details: nullableObject(),
      enabled: nullable('boolean'),
      id: nullable('integer'),
      recipients: nullableObjectArray({ email: nullable('string'), id: nullable('integer') }),
      schedule_day: nullable('string'),
      schedule_frame: nullable('string'),
      schedule_hour: nullable('integer'),
      schedule_type: nullable('string'),
    }),
    collection_id: nullable('integer'),
    collection_position: nullable('integer'),
    created_at: nullableTimestamp(),
    creator: userInfo(),
    creator_id: nullable('integer'),
    dashboard_id: nullable('integer'),
    entity_id: nullable('string'),
    id: nullable('integer'),
    name: nullable('string'),
    parameters: nullableArray(nullableObject()),
    skip_if_empty: nullable('boolean'),
    updated_at: nullableTimestamp(),
  });
}
