/**
 * A stream, described: where its records come from (request, record path, paginator, partitions), what they look
 * like (JSON schema, primary key, cursor) and an optional transform. `read` is the escape hatch for anything else.
 */
import type { SyncMode } from '@mb-airbyte/airbyte-protocol';
import type { Authenticator } from '../auth/index.js';
import type { ErrorTable, HttpClient, HttpMethod, HttpRequest, Logger, QueryParams } from '../http/index.js';
import type { Paginator } from '../pagination/index.js';
import type { RecordPath, RecordsSpec } from '../records/index.js';

export type JsonRecord = Record<string, unknown>;

/** What request closures see. */
export interface RequestContext<Config> {
  config: Config;
  /** The partition being read (for example `{ id: 7 }` of a parent record), when the stream has partitions. */
  partition: Partition | undefined;
  /** The paginator's token for the page being requested (`PageRequest.token`); undefined for the first page. */
  page?: unknown;
}

/** A value, or a closure computing it per partition. */
export type PerPartition<Config, T> = T | ((context: RequestContext<Config>) => T);

export interface StreamRequest<Config> {
  method?: HttpMethod;
  /** Relative to the source's base URL. */
  path: PerPartition<Config, string>;
  params?: PerPartition<Config, QueryParams>;
  headers?: PerPartition<Config, Record<string, string>>;
  /** Sent as JSON. */
  body?: PerPartition<Config, unknown>;
  /** Authenticates this stream's requests instead of the source's authenticator. */
  authenticator?: Authenticator;
  /** Chooses the rule for a non-2xx response from its start (see `HttpRequest.classify`). */
  classify?: HttpRequest['classify'];
  /** The requests' own retry limit and waits (see `HttpRequest.retry`). */
  retry?: HttpRequest['retry'];
}

export interface TransformContext<Config> extends RequestContext<Config> {
  stream: string;
}

/** What the escape hatch `read` (and a source's `check`) gets. */
export interface StreamContext<Config> {
  config: Config;
  http: HttpClient;
  logger: Logger;
  stream: string;
  syncMode: SyncMode;
  /**
   * The cursor value saved by the previous incremental sync, if any. Records are still filtered by the runner. Read it
   * after a first request when possible: the runner settles it against the server's clock at its first use.
   */
  cursor: unknown;
  signal: AbortSignal;
}

export interface StreamDefinition<Config> {
  /** The Airbyte stream name: an explicit snake_case string. */
  name: string;
  /** Paths of the primary key fields, e.g. `[['id']]`. */
  primaryKey?: readonly (readonly string[])[];
  /** Draft-07 JSON schema of a record (as emitted, after `transform`). */
  jsonSchema: JsonRecord;
  /**
   * A top-level field whose values only grow when a record changes (e.g. `updated_at`): enables incremental syncs.
   * Records are filtered client-side: a record is emitted when its cursor is >= the saved one (so records that share
   * the saved value are emitted again rather than lost) or when it has no cursor value.
   */
  cursorField?: string;
  /**
   * The cursor values are date-times, so a saved state must hold one. Give it when the schema does not say so with
   * `format: 'date-time'` (which promises an offset that some servers leave out).
   */
  cursorFormat?: 'date-time';
  /**
   * The value the incremental filter compares and the state saves, when it is not simply the record's `cursorField`
   * (for example the later of two timestamps). Default: `record[cursorField]`.
   */
  cursorValue?: (record: JsonRecord) => unknown;
  /**
   * The format version of this stream's saved state, written as `state_version` next to the cursor. A saved state
   * with another version (one without counts as 1) is refused with a config_error instead of being misread: bump it
   * when the meaning of the saved state changes. Unset: no `state_version` is written.
   */
  stateVersion?: number;
  /**
   * 'ascending' promises the API returns records in cursor order, which lets the runner save progress every
   * `checkpointInterval` records. 'unordered' (the default) saves the cursor only at the end of the stream: with an
   * unsorted API, any earlier save could skip records not yet seen on the next sync if this one fails.
   */
  cursorOrder?: 'ascending' | 'unordered';
  /**
   * 'client' (the default) emits a record only when its cursor is >= the saved one. 'server' is for an API that
   * filters by a cursor the request carries (a start time in the query): every record it returns is emitted, as the
   * Python CDK does (a lookback window re-reads records older than the saved cursor on purpose).
   */
  cursorFilter?: 'client' | 'server';
  /** Records between intermediate states of an 'ascending' stream (default 1000). */
  checkpointInterval?: number;
  request?: StreamRequest<Config>;
  /**
   * Instead of a request: this stream's records are cut from another stream's records (each record that stream
   * reads, before its incremental filter, goes through this stream's `transformJson` and `transform`). When both
   * streams are in one read and the other stream's read does not start from a saved cursor, the runner reads it
   * once for both: its requests are made once.
   */
  derivedFrom?: StreamDefinition<Config> | string;
  /**
   * Where the records are in each response (default: the whole body), and optionally what must be there:
   * `{ path: '', expect: 'array' }` fails the stream (system_error, with the start of the body) when a list endpoint
   * answers an object, such as a 200 error body, instead of emitting it as a record. A bare path accepts an array or
   * an object (one record).
   */
  records?: RecordPath | RecordsSpec;
  paginator?: Paginator;
  partitions?: PartitionRouter<Config>;
  /** Rows over the source's error table for this stream's requests (e.g. `{ 404: { action: 'ignore', … } }`). */
  errorTable?: ErrorTable;
  /**
   * Derives records from a record's exact JSON text without parsing it, so every value stays byte for byte (use the
   * helpers `jsonObjectMembers`, `jsonArrayElements` and `withJsonMember`). Returns the JSON texts of the records it
   * becomes (none, one or several objects, each on one line). Runs before `transform`.
   */
  transformJson?: (json: string, context: TransformContext<Config>) => readonly string[];
  /**
   * Reshapes a parsed record; return undefined to drop it. The result is serialised again, which rounds numbers a
   * double cannot hold (integers beyond 2^53, 1e400, long decimals): prefer `transformJson` to change records.
   */
  transform?: (record: JsonRecord, context: TransformContext<Config>) => JsonRecord | undefined;
  /** The escape hatch: produce records yourself (retries still come from `context.http`). */
  read?: (context: StreamContext<Config>) => AsyncIterable<JsonRecord>;
}

/**
 * Partition routers split one stream into many request sets: one per parent record (`parentPartitions`), or per
 * value of a fixed list (`listPartitions`). The reader runs up to `concurrency` partitions at a time and emits their
 * records in partition order.
 */
/** What request closures see as `partition`, e.g. `{ id: 7 }`. */
export type Partition = Readonly<Record<string, unknown>>;

export interface PartitionContext<Config> {
  config: Config;
  /**
   * The child stream's saved cursor (incremental syncs), so a router can skip parents that did not change. Read it
   * when it is needed, not up front: the runner settles it against the server's clock at its first use.
   */
  cursor: unknown;
  signal: AbortSignal;
  /** For what a router finds worth telling (a LOG message of the stream being read). */
  logger: Logger;
  /** Every record of another stream of the source (after its transform), parsed, in order. */
  readStream(stream: StreamDefinition<Config> | string): AsyncIterable<JsonRecord>;
}

export interface PartitionRouter<Config> {
  /** Partitions read at the same time (the runner may lower it to fit the HTTP client's connection limit). */
  readonly concurrency: number;
  /** The stream this router reads, if any (for connection budgeting and docs). */
  readonly parent?: StreamDefinition<Config> | string;
  partitions(context: PartitionContext<Config>): AsyncIterable<Partition>;
}
