import { ConfiguredAirbyteCatalogSchema, type ConfiguredAirbyteCatalog } from '../schemas/catalog.js';
import { parseInputValue } from './parse-input-value.js';
import { readJsonFile } from './read-json-file.js';

/** `--catalog`: a ConfiguredAirbyteCatalog. */
export async function readCatalogFile(file: string): Promise<ConfiguredAirbyteCatalog> {
  const value = await readJsonFile(file, 'catalog');
  return parseInputValue(ConfiguredAirbyteCatalogSchema, value, file, 'catalog');
}