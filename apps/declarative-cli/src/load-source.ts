import { readFile, stat } from 'node:fs/promises';
import { injectedManifestSource, sourceFromManifest } from '@mb-airbyte/declarative-source';
import { ConnectorError } from '@mb-airbyte/http-source-kit';
import type { ConnectorSource } from '@mb-airbyte/connector-cli';
import { commandVersion } from './version.js';

/** Larger than any of Airbyte's manifests by far; a bigger file is a mistake (or not a manifest). */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** The manifest from --manifest FILE (YAML or JSON), or else the one in the config's __injected_declarative_manifest. */
export async function loadSource(manifestFile: string | undefined): Promise<ConnectorSource> {
  const options = { name: 'source-declarative-manifest', version: commandVersion };
  if (manifestFile === undefined) return injectedManifestSource(options);
  return sourceFromManifest(await readManifest(manifestFile), manifestFile, options);
}

async function readManifest(file: string): Promise<string> {
  const problem = (message: string): ConnectorError =>
    new ConnectorError({ message, failureType: 'config_error', userInput: true });
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw problem(`The manifest ${file} is not a regular file.`);
    size = info.size;
  } catch (error) {
    if (ConnectorError.isInstance(error)) throw error;
    throw problem(
      `The manifest ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
    );
  }
  if (size > MAX_MANIFEST_BYTES)
    throw problem(`The manifest ${file} is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MB.`);
  return readFile(file, 'utf8');
}
