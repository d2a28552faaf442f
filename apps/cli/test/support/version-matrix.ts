// Helpers of the version matrix: one read through the built CLI with each record's raw line kept.
import type { AirbyteMessage, AirbyteStateMessage } from '@mb-airbyte/airbyte-protocol';
import type { JsonRecord } from '@mb-airbyte/metabase-sandbox';
import { spawnConnector } from '@mb-airbyte/connector-cli/testing';

export interface EmittedRecord {
  data: JsonRecord;
  /** The stdout line as the CLI wrote it, to check values byte for byte. */
  line: string;
}

export interface CliRead {
  exitCode: number;
  records: Map<string, EmittedRecord[]>;
  /** The last stream status of each stream. */
  statuses: Map<string, string>;
  states: AirbyteStateMessage[];
  errors: string[];
  warnings: string[];
  badLines: string[];
  stderr: string;
}

/** `source-metabase <args>` as the platform runs it, with every RECORD's raw line kept. */
export async function cliRead(cliFile: string, cwd: string, args: string[]): Promise<CliRead> {
  const records = new Map<string, EmittedRecord[]>();
  const statuses = new Map<string, string>();
  const states: AirbyteStateMessage[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const onMessage = (message: AirbyteMessage, line: string): void => {
    if (message.type === 'RECORD') {
      const list = records.get(message.record.stream) ?? [];
      list.push({ data: message.record.data, line });
      records.set(message.record.stream, list);
    } else if (message.type === 'STATE') {
      states.push(message.state);
    } else if (message.type === 'TRACE' && message.trace.type === 'STREAM_STATUS') {
      statuses.set(message.trace.stream_status.stream_descriptor.name, message.trace.stream_status.status);
    } else if (message.type === 'TRACE' && message.trace.type === 'ERROR') {
      errors.push(message.trace.error.message);
    } else if (message.type === 'LOG' && message.log.level === 'WARN') {
      warnings.push(message.log.message);
    }
  };
  const run = await spawnConnector(args, {
    cliFile,
    cwd,
    env: { PATH: process.env.PATH ?? '' },
    onMessage,
    keepMessages: false,
    timeoutMs: 120_000,
  });
  return {
    exitCode: run.exitCode,
    records,
    statuses,
    states,
    errors,
    warnings,
    badLines: run.badLines,
    stderr: run.stderr,
  };
}

/** Records keyed by id (the primary key of every stream), to compare without caring about order. */
export function byId(records: readonly JsonRecord[]): Map<unknown, JsonRecord> {
  return new Map(records.map((record) => [record.id, record]));
}

/** The JSON objects inside a value, not counting the precision probes the sandbox put into each of them. */
export function objectsIn(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = Array.isArray(value) ? 0 : 1;
  for (const [key, child] of Object.entries(value)) if (key !== 'precision_probe') count += objectsIn(child);
  return count;
}
