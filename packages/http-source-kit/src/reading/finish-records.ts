import { ConnectorError } from '../errors/index.js';
import type { Partition } from '../partitions/index.js';
import { SelectedRecord } from '../records/index.js';
import type { JsonRecord, StreamDefinition } from '../streams/stream-definition.js';

function isJsonRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function notAnObject(stream: string, value: unknown): ConnectorError {
  const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return new ConnectorError({
    message: `Stream "${stream}": a record is not a JSON object (found ${found}).`,
    failureType: 'system_error',
  });
}

/** The records `transformJson` derives from each record's text (nothing is parsed). */
function derivedRecords<Config>(
  stream: StreamDefinition<Config>,
  records: SelectedRecord[],
  config: Config,
  partition: Partition | undefined,
): SelectedRecord[] {
  const transformJson = stream.transformJson;
  if (transformJson === undefined) return records;
  const context = { config, partition, stream: stream.name };
  const out: SelectedRecord[] = [];
  for (const record of records)
    for (const json of transformJson(record.json, context)) out.push(SelectedRecord.fromJson(json));
  return out;
}

/**
 * Applies the stream's transforms to a batch (`transformJson` on the exact text, then `transform`, which parses) and
 * checks every record is a JSON object, as a RECORD's `data` must be.
 */
export function finishRecords<Config>(
  stream: StreamDefinition<Config>,
  selected: SelectedRecord[],
  config: Config,
  partition: Partition | undefined,
): SelectedRecord[] {
  const records = derivedRecords(stream, selected, config, partition);
  const transform = stream.transform;
  if (transform === undefined) {
    for (const record of records) if (!record.isObject) throw notAnObject(stream.name, record.value);
    return records;
  }
  const out: SelectedRecord[] = [];
  const context = { config, partition, stream: stream.name };
  for (const record of records) {
    const value = record.value;
    if (!isJsonRecord(value)) throw notAnObject(stream.name, value);
    const changed = transform(value, context);
    if (changed === undefined) continue;
    if (!isJsonRecord(changed)) throw notAnObject(stream.name, changed);
    out.push(SelectedRecord.fromValue(changed));
  }
  return out;
}
