// JSON shapes of users: GET /api/user rows (admin view) and GET /api/user/current.
import type { JsonRecord } from '../types.js';
import { iso } from './time.js';
import { commonName, type UserModel } from './users.js';

/** Personal collection ids equal user ids; API-key users have none. */
export function personalCollectionId(u: UserModel): number | null {
  return u.type === 'personal' ? u.id : null;
}

/** A GET /api/user row as an admin sees it (Metabase 0.50 columns). */
export function userRecord(u: UserModel): JsonRecord {
  return {
    email: u.email,
    first_name: u.firstName,
    locale: null,
    last_login: u.lastLoginMs === null ? null : iso(u.lastLoginMs),
    is_active: u.active,
    is_qbnewb: u.qbnewb,
    updated_at: iso(u.updatedMs),
    group_ids: u.groupIds,
    is_superuser: u.superuser,
    login_attributes: null,
    id: u.id,
    last_name: u.lastName,
    date_joined: iso(u.dateJoinedMs),
    sso_source: null,
    personal_collection_id: personalCollectionId(u),
    common_name: commonName(u),
  };
}

/** GET /api/user/current. Exact values for API-key users are UNVERIFIED; we return the hidden user. */
export function currentUserRecord(u: UserModel, hasContent: boolean): JsonRecord {
  return {
    ...userRecord(u),
    first_login: iso(u.dateJoinedMs),
    is_installer: u.id === 1,
    has_invited_second_user: u.id === 1,
    has_question_and_dashboard: hasContent,
    has_model: hasContent,
    custom_homepage: null,
    can_write_any_collection: true,
    user_group_memberships: u.groupIds.map((id) => ({ id })),
  };
}
