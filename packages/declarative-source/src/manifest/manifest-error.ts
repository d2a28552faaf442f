import { ConnectorError } from '@mb-airbyte/http-source-kit';

/** Where a node sits in a manifest, e.g. `streams[2].retriever.requester`. */
export type ManifestPath = readonly (string | number)[];

export function formatManifestPath(path: ManifestPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else
      text += /^[A-Za-z_$][\w$]*$/.test(segment)
        ? `${text === '' ? '' : '.'}${segment}`
        : `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? 'the manifest root' : text;
}

/** A manifest that cannot run: the user (or the connector's author) must change it. */
export function manifestError(message: string, internalMessage?: string): ConnectorError {
  return new ConnectorError({
    message,
    failureType: 'config_error',
    userInput: true,
    ...(internalMessage === undefined ? {} : { internalMessage }),
  });
}
