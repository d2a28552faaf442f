import { z } from 'zod';
import { AirbyteStateMessageSchema, type AirbyteStateMessage } from '../schemas/state-message.js';
import { isJsonObject, parseInputValue, wrongTopLevelError } from './parse-input-value.js';
import { readJsonFile, type ReadJsonFileOptions } from './read-json-file.js';

const StateArraySchema = z.array(AirbyteStateMessageSchema);

/**
 * `--state`: the platform's array of STATE messages. A bare non-empty object is a LEGACY blob and becomes
 * `[{ type: 'LEGACY', data }]`; an empty file, `null`, `{}` or `[]` means no state.
 */
export async function readStateFile(
  file: string,
  options: Pick<ReadJsonFileOptions, 'maxBytes'> = {},
): Promise<AirbyteStateMessage[]> {
  const value = await readJsonFile(file, 'state', { ...options, emptyValue: null });
  if (value === null) return [];
  if (Array.isArray(value)) return parseInputValue(StateArraySchema, value, file, 'state');
  if (!isJsonObject(value))
    throw wrongTopLevelError(file, 'state', 'an array of state messages or a JSON object', value);
  return Object.keys(value).length === 0 ? [] : [{ type: 'LEGACY', data: value }];
}
