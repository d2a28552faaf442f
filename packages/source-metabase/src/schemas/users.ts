import {
  nullable,
  nullableArray,
  nullableObject,
  nullableObjectArray,
  nullableTimestamp,
  streamSchema,
  type JsonSchema,
} from './json-schema.js';

/** `users`: `GET /api/user` as an administrator sees it (the `data` array). */
export function usersSchema(): JsonSchema {
  return streamSchema({
    common_name: nullable('string'),
    date_joined: nullableTimestamp(),
    email: nullable('string'),
    first_name: nullable('string'),
    google_auth: nullable('boolean'), // before sso_source (0.4x)
    group_ids: nullableArray(nullable('integer')),
    id: nullable('integer'),
    is_active: nullable('boolean'),
    is_data_analyst: nullable('boolean'),
    is_qbnewb: nullable('boolean'),
    is_superuser: nullable('boolean'),
    jwt_attributes: nullableObject(),
    last_login: nullableTimestamp(),
    last_name: nullable('string'),
    ldap_auth: nullable('boolean'), // before sso_source (0.4x)
    locale: nullable('string'),
    login_attributes: nullableObject(),
    personal_collection_id: nullable('integer'),
    sso_source: nullable('string'),
    tenant_collection_id: nullable('integer'),
    tenant_id: nullable('integer'),
    updated_at: nullableTimestamp(),
    user_group_memberships: nullableObjectArray({ id: nullable('integer'), is_group_manager: nullable('boolean') }),
  });
}
