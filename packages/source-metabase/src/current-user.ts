import { quoteInput } from '@mb-airbyte/airbyte-protocol';
import type { JsonRecord } from '@mb-airbyte/http-source-kit';

/** How a GET /api/user/current answer is named in messages: its e-mail, or the API key's name for an API key. */
export function currentUserIdentity(user: JsonRecord): string {
  const email = typeof user.email === 'string' ? user.email : undefined;
  // An API key acts as a hidden user with a made-up address; its first name is the key's name.
  if (email?.endsWith('@api-key.invalid') === true && typeof user.first_name === 'string')
    return `the API key user ${quoteInput(user.first_name)}`;
  if (email !== undefined) return email;
  return typeof user.common_name === 'string' ? user.common_name : 'an unnamed user';
}
