import { z } from 'zod';
import { DEFAULT_MAX_RECORD_BYTES, DEFAULT_TIMEOUTS } from '@mb-airbyte/http-source-kit';
import { httpsRequiredMessage, httpsUrlPattern } from './normalize-instance-url.js';

// The one source of truth for the connector's configuration: the TypeScript type and the Airbyte
// connectionSpecification both come from this schema. Backward compatible with the official 2.1.x spec: the same
// property names, types, titles and order for the four original fields; only `instance_api_url` is required (the
// official spec also required `username`, which an API-key config does not need; dropping a requirement can only
// accept more configs). Which credential is used is decided by `chooseCredential`.
const secret = { airbyte_secret: true } as const;

const MIB = 1024 * 1024;
/** A JavaScript string holds at most about 512 MiB. */
const MAX_RECORD_SIZE_MB_CEILING = 512;
/** The most requests a sync keeps in flight by default, and the fewest that the dashboards chain (three levels) needs. */
export const maxConcurrentRequests = 8;
export const minConcurrentRequests = 3;

export const metabaseConfigSchema = z
  .object({
    instance_api_url: z
      .string()
      .trim() // spaces around a pasted URL are ignored, leading ones as well as trailing ones
      .regex(new RegExp(httpsUrlPattern), { error: httpsRequiredMessage })
      .meta({
        title: 'Metabase Instance API URL',
        description:
          'Address of your Metabase API, for example https://metabase.example.com/api/. It must use https. ' +
          'The trailing slash and the /api suffix are optional; spaces around it are ignored.',
        examples: ['https://localhost:3000/api/'],
        pattern: httpsUrlPattern,
        order: 0,
      }),
    username: z
      .string()
      .optional()
      .meta({
        title: 'Username',
        description:
          'E-mail address of a Metabase user. With a password, the connector logs in at the start of a sync, again ' +
          'whenever Metabase ends the session, and logs out at the end; with a session token too, it logs in only once ' +
          'the token has expired.',
        order: 1,
      }),
    password: z
      .string()
      .optional()
      .meta({
        title: 'Password',
        description: 'Password of that Metabase user.',
        always_show: true,
        ...secret,
        order: 2,
      }),
    session_token: z
      .string()
      .optional()
      .meta({
        title: 'Session Token',
        description:
          'A session id returned by POST /api/session (the "id" field of the response). Sessions last 14 days by ' +
          'default (MAX_SESSION_AGE on the server); give a username and password as well to log in again when it expires.',
        ...secret,
        order: 3,
      }),
    api_key: z
      .string()
      .optional()
      .meta({
        title: 'API Key',
        description:
          'A Metabase API key (Metabase 0.49 and later; Admin settings > Authentication > API keys), sent in the ' +
          'X-API-Key header. Recommended: it does not expire and does not trigger login alerts. When set, it is used ' +
          'instead of the session token and password.',
        ...secret,
        order: 4,
      }),
    include_deactivated_users: z.boolean().default(false).meta({
      title: 'Include Deactivated Users',
      description: 'When on, the users stream also returns deactivated users (GET /api/user?status=all).',
      order: 5,
    }),
    ca_certificate: z
      .string()
      .optional()
      .meta({
        title: 'CA Certificate',
        description:
          'PEM certificate of a private certificate authority to trust in addition to the usual public ones, for a ' +
          'Metabase whose certificate it signed (-----BEGIN CERTIFICATE----- ...). Certificate verification always ' +
          'stays on.',
        multiline: true,
        order: 6,
      }),
    include_archived_cards: z
      .boolean()
      .default(false)
      .meta({
        title: 'Include Archived Cards',
        description:
          'When on, the cards stream also returns archived cards (GET /api/card?f=archived), with "archived": true, ' +
          'so a destination can tell a card that was archived from one that still exists. Archiving a card changes ' +
          'its updated_at, so incremental syncs pick it up. Turn it on before the first sync, or reset the cards ' +
          'stream after turning it on, to get the cards archived earlier.',
        order: 7,
      }),
    max_record_size_mb: z
      .number()
      .int()
      .min(1)
      .max(MAX_RECORD_SIZE_MB_CEILING)
      .optional()
      .meta({
        title: 'Largest Record (MiB)',
        description:
          `The largest single record the connector accepts, in MiB (default ${DEFAULT_MAX_RECORD_BYTES / MIB}). A stream ` +
          'whose response holds a larger record fails with an error naming the stream, the request and this limit, ' +
          'instead of exhausting memory. Raise it only for a Metabase whose cards or dashboards really are larger: ' +
          'reading such a record takes about five times its size in memory.',
        order: 8,
      }),
    first_byte_timeout_seconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .optional()
      .meta({
        title: 'Wait for an Answer (seconds)',
        description:
          `How long to wait for Metabase to start answering a request (its first byte), in seconds (default ${DEFAULT_TIMEOUTS.firstByteTimeoutMs / 1000}). ` +
          'A very large instance can think for one to two minutes before it answers GET /api/card; the connector logs a line ' +
          'every 30 seconds meanwhile. A request with no answer in that time is not sent again, and if Metabase answered ' +
          'nothing else either, the sync stops with one error instead of waiting again for every stream.',
        order: 9,
      }),
    idle_timeout_seconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .optional()
      .meta({
        title: 'Stalled Answer Timeout (seconds)',
        description:
          `How long an answer may pause between two pieces of its body, in seconds (default ${DEFAULT_TIMEOUTS.idleTimeoutMs / 1000}). ` +
          'A stalled answer is given up and asked for again; records it already gave are not emitted twice.',
        order: 10,
      }),
    max_concurrent_requests: z
      .int()
      .min(minConcurrentRequests)
      .max(maxConcurrentRequests)
      .default(maxConcurrentRequests)
      .meta({
        title: 'Maximum Concurrent Requests',
        description:
          `Requests the connector keeps in flight at once, ${minConcurrentRequests} to ${maxConcurrentRequests} ` +
          `(default ${maxConcurrentRequests}). Each Metabase request takes tens of milliseconds, so thousands of ` +
          'collections and dashboards read one at a time take minutes; a few at once take seconds, about the load of ' +
          'one person opening a dashboard (a browser sends up to 6 requests at once to a server). Lower it for a ' +
          `small Metabase. The dashboards chain needs ${minConcurrentRequests}: the collections list, an items ` +
          'request and a dashboard request.',
        order: 11,
      }),
  })
  .loose() // unknown keys are kept, as the official spec's `additionalProperties: true` allows
  .meta({ title: 'Metabase Source Spec', additionalProperties: true });

/** A validated config, defaults applied. */
export type MetabaseConfig = z.output<typeof metabaseConfigSchema>;
/** A config as the user writes it (defaults not yet applied). */
export type MetabaseConfigInput = z.input<typeof metabaseConfigSchema>;

/** The Airbyte `connectionSpecification` (draft-07 JSON schema) derived from `metabaseConfigSchema`. */
export function metabaseConnectionSpecification(): Record<string, unknown> {
  return z.toJSONSchema(metabaseConfigSchema, { target: 'draft-07', io: 'input' });
}
