import {
  AirbyteMessageSchema,
  type AirbyteErrorTraceMessage,
  type AirbyteMessage,
  type AirbyteRecordMessage,
  type ConfiguredAirbyteCatalog,
  type SyncMode,
} from '@mb-airbyte/airbyte-protocol';

type Run = { messages: readonly AirbyteMessage[] };

/** Every stream the Metabase source offers, in its catalog order. */
export const everyStream: readonly string[] = [
  'cards',
  'collections',
  'dashboards',
  'collections_items_dashboards',
  'users',
  'databases',
  'native_query_snippets',
  'tables',
  'segments',
  'permission_groups',
  'alerts',
  'dashboard_cards',
];

/** One stdout line as a protocol message, or undefined when it is not one. */
export function parseMessage(line: string): AirbyteMessage | undefined {
  try {
    const parsed = AirbyteMessageSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function errorTraces(run: Run): AirbyteErrorTraceMessage[] {
  return run.messages.flatMap((m) => (m.type === 'TRACE' && m.trace.type === 'ERROR' ? [m.trace.error] : []));
}

/** ERROR traces of one stream; `undefined` for the run-level ones (no stream descriptor). */
export function streamErrors(run: Run, stream: string | undefined): AirbyteErrorTraceMessage[] {
  return errorTraces(run).filter((e) => e.stream_descriptor?.name === stream);
}

export function records(run: Run, stream?: string): AirbyteRecordMessage[] {
  return run.messages.flatMap((m) =>
    m.type === 'RECORD' && (stream === undefined || m.record.stream === stream) ? [m.record] : [],
  );
}

/** The STREAM_STATUS sequence of each stream, in order. */
export function statusesByStream(run: Run): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (const m of run.messages) {
    if (m.type !== 'TRACE' || m.trace.type !== 'STREAM_STATUS') continue;
    const {
      stream_descriptor: { name },
      status,
    } = m.trace.stream_status;
    seen.set(name, [...(seen.get(name) ?? []), status]);
  }
  return seen;
}

/** The last status of each stream. */
export function finalStatuses(run: Run): Record<string, string | undefined> {
  return Object.fromEntries([...statusesByStream(run)].map(([name, statuses]) => [name, statuses.at(-1)]));
}

/** Per stream, each record's primary key (`id`) with the number of times it was emitted. */
export function recordsByKey(run: Run): Map<string, Map<string, number>> {
  const byStream = new Map<string, Map<string, number>>();
  for (const record of records(run)) {
    const keys = byStream.get(record.stream) ?? new Map<string, number>();
    const key = JSON.stringify(record.data.id);
    keys.set(key, (keys.get(key) ?? 0) + 1);
    byStream.set(record.stream, keys);
  }
  return byStream;
}

/** Per stream, each record's data (JSON) by primary key: two reads compare equal when they emitted the same rows. */
export function recordDataByKey(run: Run): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const record of records(run))
    (out[record.stream] ??= {})[JSON.stringify(record.data.id)] = JSON.stringify(record.data);
  return out;
}

export function configuredCatalog(
  streams: readonly string[],
  syncMode: SyncMode = 'full_refresh',
): ConfiguredAirbyteCatalog {
  return {
    streams: streams.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
      sync_mode: syncMode,
      destination_sync_mode: syncMode === 'incremental' ? 'append' : 'overwrite',
    })),
  };
}
