import {
  defineStream,
  type ErrorRule,
  type JsonRecord,
  type RecordsSpec,
  type StreamDefinition,
} from '@mb-airbyte/http-source-kit';
import type { MetabaseConfig } from '../config.js';
import type { JsonSchema } from '../schemas/json-schema.js';
import type { CurrentUserLookup } from './administrator-check.js';

export type MetabaseStream = StreamDefinition<MetabaseConfig>;

/** Who may read a stream: anyone Metabase lets see the objects, or administrators only. */
export type StreamAccess = 'viewer' | 'admin';

/** Tuning knobs for big instances and tests; the defaults fit an HTTP client of 8 connections. */
export interface MetabaseStreamOptions {
  /** The most collection items requests in flight at once (default 8; `max_concurrent_requests` bounds the chain). */
  collectionItemsConcurrency?: number;
  /** The most dashboard detail requests in flight at once (default 8; `max_concurrent_requests` bounds the chain). */
  dashboardConcurrency?: number;
}

/** What the streams of one source share: its tuning options and one "who am I" lookup per run. */
export interface SharedStreamParts {
  readonly options: MetabaseStreamOptions;
  readonly whoAmI: CurrentUserLookup;
}

/** How a stream is read: everything of the kit's stream definition except what the description states itself. */
export type StreamReading = Omit<MetabaseStream, 'name' | 'primaryKey' | 'cursorField' | 'jsonSchema'>;

/**
 * Everything about one Metabase stream, in its own file: the catalog entry (name, primary key, cursor), who may
 * read it, its record schema and how it is read. The stream list, the schema registry and the catalog derive from
 * the list of these descriptions (`metabaseStreamDescriptions`).
 */
export interface MetabaseStreamDescription<Name extends string = string> {
  readonly name: Name;
  readonly primaryKey: readonly (readonly string[])[];
  /** Set for streams that support incremental sync (a date-time cursor compared client-side). */
  readonly cursorField?: string;
  readonly access: StreamAccess;
  /** Builds a fresh copy of the record schema (draft-07). */
  readonly schema: () => JsonSchema;
  readonly read: (shared: SharedStreamParts) => StreamReading;
}

/** Declares a stream description, keeping its name as a literal type so that `StreamName` lists every stream. */
export function describeStream<const Name extends string>(
  description: MetabaseStreamDescription<Name>,
): MetabaseStreamDescription<Name> {
  return description;
}

/** A 403 fails only this stream, with a message naming it and the permission it needs. */
export function forbiddenRule(stream: string, access: StreamAccess): ErrorRule {
  const needs =
    access === 'admin'
      ? 'an administrator: use an API key in the Administrators group or an administrator login'
      : "permission to view what it lists: give the credential's group access in Metabase, or use an administrator credential";
  return {
    action: 'fail',
    failureType: 'config_error',
    message: ({ method, url }) =>
      `The "${stream}" stream needs ${needs}, or deselect the stream. Metabase answered 403 Forbidden to ${method} ${url}.`,
  };
}

/**
 * Where a list endpoint's records are: a bare array, or an array in `data`. Declared so that a 200 carrying an error
 * object (`{"message": ...}`) fails the stream instead of being emitted as a record.
 */
export const bareList: RecordsSpec = { path: '', expect: 'array' };
export const listInData: RecordsSpec = { path: 'data', expect: 'array' };

/**
 * The format of the saved state of every incremental stream: `{"updated_at": "<date-time>", "state_version": 1}`.
 * A state of another version is refused with a config_error naming the stream; bump it when its meaning changes.
 */
export const metabaseStateVersion = 1;

/** The kit's stream definition of a description, keyed and typed from it. */
export function metabaseStream(description: MetabaseStreamDescription, shared: SharedStreamParts): MetabaseStream {
  const { name, primaryKey, cursorField, access, schema } = description;
  const reading = description.read(shared);
  return defineStream<MetabaseConfig>({
    name,
    primaryKey,
    jsonSchema: { ...schema() } satisfies JsonRecord,
    ...(cursorField === undefined
      ? {}
      : { cursorField, cursorFormat: 'date-time', stateVersion: metabaseStateVersion }),
    ...reading,
    // A derived stream makes no requests: the stream it reads answers for them.
    ...(reading.derivedFrom === undefined
      ? { errorTable: { 403: forbiddenRule(name, access), ...reading.errorTable } }
      : {}),
  });
}
