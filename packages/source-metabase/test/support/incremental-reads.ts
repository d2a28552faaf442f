// Helpers for incremental-sync tests: the incremental catalog, each stream's cursor and saved state, the platform's
// view of the latest states, and a read that is stopped (aborted) after a number of records.
import { Writable } from 'node:stream';
import { MessageWriter, type AirbyteStateMessage, type ConfiguredAirbyteCatalog } from '@mb-airbyte/airbyte-protocol';
import { runSource, type JsonRecord, type SourceDefinition } from '@mb-airbyte/http-source-kit';
import { discoverSource, parseSourceOutput, type SourceOutput } from '@mb-airbyte/http-source-kit/testing';
import { dashboardEditedAt } from '../../src/streams/dashboard-edited-at.js';

/** The streams that support incremental sync, in catalog order. */
export const incrementalStreams = [
  'cards',
  'dashboards',
  'databases',
  'native_query_snippets',
  'tables',
  'segments',
  'alerts',
] as const;

/** A stream's cursor value for a record, as the connector compares it. */
export function cursorOf(stream: string, record: JsonRecord): string {
  const value = stream === 'dashboards' ? dashboardEditedAt(record) : record.updated_at;
  if (typeof value !== 'string') throw new Error(`${stream} ${JSON.stringify(record.id)} has no cursor value`);
  return value;
}

/** The largest cursor of `records` (ISO strings of one format compare as text). */
export function maxCursor(stream: string, records: readonly JsonRecord[]): string | undefined {
  return records
    .map((record) => cursorOf(stream, record))
    .sort()
    .at(-1);
}

/** Ids of `records` whose cursor equals `cursor` (by instant). */
export function idsAtCursor(stream: string, records: readonly JsonRecord[], cursor: string): unknown[] {
  return records
    .filter((record) => Date.parse(cursorOf(stream, record)) === Date.parse(cursor))
    .map((record) => record.id);
}

/** The last STATE of each stream in a run, by stream name. */
export function lastStates(output: SourceOutput): Map<string, AirbyteStateMessage> {
  const states = new Map<string, AirbyteStateMessage>();
  for (const state of output.states) {
    const name = state.stream?.stream_descriptor.name;
    if (name !== undefined) states.set(name, state);
  }
  return states;
}

/** What the platform passes to the next sync: each stream's latest state, a later run's winning. */
export function platformState(...runs: SourceOutput[]): AirbyteStateMessage[] {
  const merged = new Map<string, AirbyteStateMessage>();
  for (const run of runs) for (const [name, state] of lastStates(run)) merged.set(name, state);
  return [...merged.values()];
}

/** A configured catalog reading `names` incrementally (from the source's own discover). */
export async function incrementalCatalog<Config>(
  source: SourceDefinition<Config>,
  config: unknown,
  names: readonly string[],
): Promise<ConfiguredAirbyteCatalog> {
  const discovered = await discoverSource(source, config);
  const streams = names.map((name) => {
    const stream = discovered.catalog?.streams.find((s) => s.name === name);
    if (stream === undefined) throw new Error(`no stream ${name}`);
    return {
      stream,
      sync_mode: 'incremental' as const,
      destination_sync_mode: 'append_dedup' as const,
      primary_key: [['id']],
    };
  });
  return { streams };
}

/** `read`, aborted (as a platform stopping the sync would) once `stopAfter` RECORD lines have reached stdout. */
export async function readStoppedAfter<Config>(
  source: SourceDefinition<Config>,
  options: { config: unknown; catalog: ConfiguredAirbyteCatalog; state?: unknown },
  stopAfter: number,
): Promise<SourceOutput> {
  const controller = new AbortController();
  const chunks: string[] = [];
  let records = 0;
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      chunks.push(text);
      for (const line of text.split('\n')) {
        if (line !== '' && (JSON.parse(line) as { type: string }).type === 'RECORD' && ++records === stopAfter)
          controller.abort(new Error('sync stopped'));
      }
      callback();
    },
  });
  const exitCode = await runSource(source, {
    command: 'read',
    ...options,
    writer: new MessageWriter(out),
    signal: controller.signal,
  });
  return parseSourceOutput(chunks.join(''), exitCode);
}
