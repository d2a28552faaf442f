import { ConfiguredAirbyteCatalogSchema, type ConfiguredAirbyteCatalog } from '../schemas/catalog.js';
import { parseInputValue } from './parse-input-value.js';
import { readJsonFile, type ReadJsonFileOptions } from './read-json-file.js';

/** `--catalog`: a ConfiguredAirbyteCatalog. */
export async function readCatalogFile(
  file: string,
  options: Pick<ReadJsonFileOptions, 'maxBytes'> = {},
): Promise<ConfiguredAirbyteCatalog> {
  const value = await readJsonFile(file, 'catalog', options);
  return parseInputValue(ConfiguredAirbyteCatalogSchema, value, file, 'catalog');
}
