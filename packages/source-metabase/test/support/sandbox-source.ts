// Shared pieces of the sandbox tests: a source with short retry delays, configs per credential, what each stream
// should return according to the sandbox, and record validation against the discovered schemas.
import { expectedStreams, type JsonRecord, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import type { SourceOutput } from '@mb-airbyte/http-source-kit/testing';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  createMetabaseSource,
  type MetabaseConfigInput,
  type MetabaseSourceOptions,
  type StreamName,
} from '../../src/index.js';

/** The real source with millisecond backoff, so retried requests do not slow the tests down. */
export function fastSource(options: MetabaseSourceOptions = {}) {
  return createMetabaseSource({ ...options, http: { retry: { baseDelayMs: 2, maxDelayMs: 10 }, ...options.http } });
}

export type CredentialKind = 'username_password' | 'session_token' | 'admin_api_key' | 'user_api_key';

/** A config for the sandbox (trusted through ca_certificate) with one kind of credential; `extra` fields win. */
export function sandboxConfig(
  sandbox: Sandbox,
  kind: CredentialKind,
  extra: Partial<MetabaseConfigInput> = {},
): MetabaseConfigInput {
  const base = { instance_api_url: sandbox.url, ca_certificate: sandbox.caPem };
  const { credentials } = sandbox;
  switch (kind) {
    case 'username_password':
      return { ...base, username: credentials.username, password: credentials.password, ...extra };
    case 'session_token':
      return { ...base, session_token: sandbox.createSession(), ...extra };
    case 'admin_api_key':
      return { ...base, api_key: credentials.adminApiKey, ...extra };
    case 'user_api_key':
      return { ...base, api_key: credentials.userApiKey, ...extra };
  }
}

/** Every stream's records as the sandbox serves them to an administrator, in the order the connector emits them. */
export function expectedRecords(sandbox: Sandbox, includeDeactivatedUsers = false): Record<StreamName, JsonRecord[]> {
  return expectedStreams(sandbox, { includeDeactivatedUsers });
}

/** The emitted records of each stream, in order. */
export function recordsByStream(output: SourceOutput): Map<string, JsonRecord[]> {
  const byStream = new Map<string, JsonRecord[]>();
  for (const record of output.records) {
    const list = byStream.get(record.stream) ?? [];
    list.push(record.data);
    byStream.set(record.stream, list);
  }
  return byStream;
}

/** Records keyed by their `id` (every stream's primary key); throws on a repeated key. */
export function byPrimaryKey(records: readonly JsonRecord[]): Map<unknown, JsonRecord> {
  const map = new Map<unknown, JsonRecord>();
  for (const record of records) {
    if (map.has(record.id)) throw new Error(`primary key ${JSON.stringify(record.id)} appears twice`);
    map.set(record.id, record);
  }
  return map;
}

/** One ajv validator per discovered stream: strict schema keywords (and formats, should a schema declare one). */
export function catalogValidators(catalog: NonNullable<SourceOutput['catalog']>): Map<string, ValidateFunction> {
  // strictTypes is off because two array-item schemas stay untyped, as in the official manifest.
  const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
  addFormats.default(ajv);
  return new Map(catalog.streams.map((stream) => [stream.name, ajv.compile(stream.json_schema)]));
}

/** The first records of a stream that fail its schema, with ajv's errors (empty when all are valid). */
export function invalidRecords(validate: ValidateFunction, records: readonly JsonRecord[]): string[] {
  const problems: string[] = [];
  for (const record of records) {
    const valid: boolean = validate(record);
    if (!valid) problems.push(`id ${JSON.stringify(record.id)}: ${JSON.stringify(validate.errors)}`);
    if (problems.length >= 3) break;
  }
  return problems;
}

/** The parts of an ERROR trace the tests read. */
export interface TraceError {
  message: string;
  internal_message?: string;
  failure_type?: string;
}

/** Stream ERROR traces by stream name (the run's closing trace, which names no stream, is left out). */
export function streamErrors(output: SourceOutput): Map<string, TraceError> {
  const errors = new Map<string, TraceError>();
  for (const trace of output.traces) {
    const error = trace.error as (TraceError & { stream_descriptor?: { name: string } }) | undefined;
    const name = error?.stream_descriptor?.name;
    if (trace.type === 'ERROR' && error !== undefined && name !== undefined) errors.set(name, error);
  }
  return errors;
}

/** Every ERROR trace, in order, with the stream it names (if any). */
export function errorTraces(output: SourceOutput): (TraceError & { stream?: string })[] {
  return output.traces.flatMap((trace) => {
    const error = trace.error as (TraceError & { stream_descriptor?: { name: string } }) | undefined;
    if (trace.type !== 'ERROR' || error === undefined) return [];
    return [{ ...error, ...(error.stream_descriptor === undefined ? {} : { stream: error.stream_descriptor.name }) }];
  });
}

/** The WARN lines of streams stopped by the error that ended the run, by stream name. */
export function stoppedStreams(output: SourceOutput): string[] {
  return output.logs.flatMap((log) => {
    const match = /^Stream "([^"]+)" stopped: the read ended because of an earlier error/.exec(log.message);
    return log.level === 'WARN' && match?.[1] !== undefined ? [match[1]] : [];
  });
}

/** The ERROR trace that closes a failed run (it names no stream). */
export function runError(output: SourceOutput): TraceError | undefined {
  const last = output.traces.filter((trace) => trace.type === 'ERROR').at(-1);
  return last?.error;
}

/** The final status each stream reported (COMPLETE, INCOMPLETE, ...). */
export function finalStatuses(output: SourceOutput): Map<string, string> {
  const statuses = new Map<string, string>();
  for (const trace of output.traces) {
    const status = trace.stream_status as { stream_descriptor: { name: string }; status: string } | undefined;
    if (trace.type === 'STREAM_STATUS' && status !== undefined)
      statuses.set(status.stream_descriptor.name, status.status);
  }
  return statuses;
}
