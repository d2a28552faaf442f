import { ConnectorError } from '../errors/index.js';
import type { Partition } from '../partitions/index.js';
import { SelectedRecord } from '../records/index.js';
import type { JsonRecord, StreamDefinition } from './stream-definition.js';

function isJsonRecord(value: unknown): value is JsonRecord {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function notAnObject(stream: string, value: unknown): ConnectorError {
  const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return new ConnectorError({ message: `Stream "${stream}": a record is not a JSON object (found ${found}).`, failureType: 'system_error' });
}

/**
 * Applies the stream's transform to a batch (parsing records only when there is one) and checks every record is a
 * JSON object, as a RECORD's `data` must be.
 */
export function finishRecords<Config>(
  stream: StreamDefinition<Config>,
  records: SelectedRecord[],
  config: Config,
  partition: Partition | undefined,
): SelectedRecord[] {
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
