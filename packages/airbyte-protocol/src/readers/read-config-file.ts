import { isJsonObject, wrongTopLevelError } from './parse-input-value.js';
import { readJsonFile, type ReadJsonFileOptions } from './read-json-file.js';

/** `--config`: any JSON object (the connector validates it against its own spec). */
export async function readConfigFile(
  file: string,
  options: Pick<ReadJsonFileOptions, 'maxBytes'> = {},
): Promise<Record<string, unknown>> {
  const value = await readJsonFile(file, 'config', options);
  if (!isJsonObject(value)) throw wrongTopLevelError(file, 'config', 'a JSON object', value);
  return value;
}
