import { defineStream, type ErrorRule, type JsonRecord, type RecordsSpec, type StreamDefinition } from '@mb-airbyte/http-source-kit';
import type { MetabaseConfig } from '../config.js';
import { streamSchemaBuilders, type StreamName } from '../schemas/index.js';
import { streamCatalog } from '../stream-catalog.js';

export type MetabaseStream = StreamDefinition<MetabaseConfig>;

/** What a stream file describes; name, primary key, cursor and schema come from the catalog and the schemas. */
export type MetabaseStreamDescription = Omit<MetabaseStream, 'name' | 'primaryKey' | 'cursorField' | 'jsonSchema'>;

/** Who may read a stream: anyone Metabase lets see the objects, or administrators only. */
export type StreamAccess = 'viewer' | 'admin';

/** A 403 fails only this stream, with a message naming it and the permission it needs. */
export function forbiddenRule(stream: StreamName, access: StreamAccess): ErrorRule {
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

/** A stream described with the kit's `defineStream`, keyed and typed from the stream catalog. */
export function metabaseStream(name: StreamName, access: StreamAccess, description: MetabaseStreamDescription): MetabaseStream {
  const { primaryKey, cursorField } = streamCatalog[name];
  return defineStream<MetabaseConfig>({
    name,
    primaryKey,
    jsonSchema: { ...streamSchemaBuilders[name]() } satisfies JsonRecord,
    ...(cursorField === undefined ? {} : { cursorField, cursorFormat: 'date-time', stateVersion: metabaseStateVersion }),
    ...description,
    // A derived stream makes no requests: the stream it reads answers for them.
    ...(description.derivedFrom === undefined ? { errorTable: { 403: forbiddenRule(name, access), ...description.errorTable } } : {}),
  });
}
