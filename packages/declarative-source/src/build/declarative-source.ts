/**
 * A kit source from a loaded manifest: its spec, its check (CheckStream), its streams. Everything that depends on the
 * config is built per config, once per run; identical authenticators are shared by all streams.
 */
import {
  ConnectorError,
  defineSource,
  type Authenticator,
  type SourceDefinition,
  type StreamDefinition,
} from '@mb-airbyte/http-source-kit';
import type { ResolvedManifest } from '../manifest/load-manifest.js';
import { createBuildContext, type BuildContext, type JsonRecord } from './build-context.js';
import { requesterBaseUrl } from './build-requester.js';
import { buildStream } from './build-stream.js';
import { childComponent, childComponents, type Component } from './component.js';
import { manifestConfigSchema } from './manifest-config.js';

export interface DeclarativeSourceOptions {
  /** Default "source-declarative-manifest". */
  name?: string;
  version?: string;
  /** The clock behind now_utc() and the incremental cursors. */
  now?: () => Date;
  /** An extra trusted CA (PEM), for a server with a private certificate. */
  caCertPem?: string;
}

interface Built {
  context: BuildContext;
  streams: StreamDefinition<JsonRecord>[];
}

export function createDeclarativeSource(
  manifest: ResolvedManifest,
  options: DeclarativeSourceOptions = {},
): SourceDefinition<JsonRecord> {
  const spec = childComponent(manifest, 'spec');
  const connectionSpecification = spec === undefined ? undefined : childComponent(spec, 'connection_specification');
  const streamComponents = childComponents(manifest, 'streams');
  const checkNames = (childComponent(manifest, 'check')?.stream_names as unknown[] | undefined)?.map(String) ?? [];
  const builds = new WeakMap<JsonRecord, Built>();
  const built = (config: JsonRecord): Built => {
    let found = builds.get(config);
    if (found === undefined) {
      const context = createBuildContext(config, options.now);
      const streams = streamComponents.map((stream, index) => buildStream(context, stream, ['streams', index]));
      found = { context, streams };
      builds.set(config, found);
    }
    return found;
  };
  return defineSource<JsonRecord>({
    name: options.name ?? 'source-declarative-manifest',
    version: options.version ?? (typeof manifest.version === 'string' ? manifest.version : '0.0.0'),
    ...(typeof spec?.documentation_url === 'string' ? { documentationUrl: spec.documentation_url } : {}),
    config: manifestConfigSchema(connectionSpecification),
    connectionSpecification: (generated) => connectionSpecification ?? generated,
    http: (config) => ({
      baseUrl: firstBaseUrl(built(config).context, streamComponents),
      ...(options.caCertPem === undefined ? {} : { caCertPem: options.caCertPem }),
    }),
    authenticator: (config) => allAuthenticators(built(config).context),
    streams: (config) => built(config).streams,
    check: async (context) => {
      const names = checkNames.length > 0 ? checkNames : context.streams.slice(0, 1).map((s) => s.name);
      for (const name of names) {
        if (!context.streams.some((s) => s.name === name)) {
          throw new ConnectorError({
            message: `The manifest's check names the stream "${name}", which it does not define.`,
            failureType: 'config_error',
          });
        }
        await context.readFirstRecord(name);
      }
      return `Read the first record of ${names.map((n) => `"${n}"`).join(', ')}.`;
    },
  });
}

/** The source's base URL: the first stream's url_base (requests to other origins get no credentials). */
function firstBaseUrl(context: BuildContext, streams: Component[]): string {
  const requester = childComponent(childComponent(streams[0] ?? {}, 'retriever') ?? {}, 'requester');
  if (requester === undefined)
    throw new ConnectorError({
      message: 'The manifest defines no stream to read.',
      failureType: 'config_error',
      userInput: true,
    });
  return requesterBaseUrl(context, requester);
}

/** Streams carry their own authenticators; this one only reports every run-time secret for masking. */
function allAuthenticators(context: BuildContext): Authenticator {
  return {
    headers: () => Promise.resolve({}),
    secrets: () => [...context.authenticators.values()].flatMap((auth) => auth.secrets()),
    describe: () =>
      [...new Set([...context.authenticators.values()].map((auth) => auth.describe()))].join(', ') ||
      'no authentication',
  };
}
