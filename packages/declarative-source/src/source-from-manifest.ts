import type { SourceDefinition } from '@mb-airbyte/http-source-kit';
import { createDeclarativeSource, type DeclarativeSourceOptions } from './build/declarative-source.js';
import type { JsonRecord } from './build/build-context.js';
import { loadManifest } from './manifest/load-manifest.js';

/** The component types this runtime builds; any other fails spec/check with a config_error naming it and its place. */
export const SUPPORTED_COMPONENTS: ReadonlySet<string> = new Set([
  'DeclarativeSource',
  'DeclarativeStream',
  'SimpleRetriever',
  'HttpRequester',
  'RequestOption',
  'RecordSelector',
  'DpathExtractor',
  'RecordFilter',
  'JsonDecoder',
  'InlineSchemaLoader',
  'JsonFileSchemaLoader',
  'CheckStream',
  'Spec',
  'NoAuth',
  'ApiKeyAuthenticator',
  'BearerAuthenticator',
  'BasicHttpAuthenticator',
  'LegacySessionTokenAuthenticator',
  'SessionTokenAuthenticator',
  'SessionTokenRequestApiKeyAuthenticator',
  'SessionTokenRequestBearerAuthenticator',
  'OAuthAuthenticator',
  'SelectiveAuthenticator',
  'NoPagination',
  'DefaultPaginator',
  'PageIncrement',
  'OffsetIncrement',
  'CursorPagination',
  'RequestPath',
  'SubstreamPartitionRouter',
  'ParentStreamConfig',
  'ListPartitionRouter',
  'DatetimeBasedCursor',
  'MinMaxDatetime',
  'DefaultErrorHandler',
  'CompositeErrorHandler',
  'HttpResponseFilter',
  'ExponentialBackoffStrategy',
  'ConstantBackoffStrategy',
  'WaitTimeFromHeader',
  'WaitUntilTimeFromHeader',
  'AddFields',
  'AddedFieldDefinition',
  'RemoveFields',
]);

/** A manifest (YAML/JSON text or parsed) as a kit source, ready for the kit's runner. */
export function sourceFromManifest(
  manifest: unknown,
  origin: string,
  options: DeclarativeSourceOptions = {},
): SourceDefinition<JsonRecord> {
  return createDeclarativeSource(loadManifest(manifest, origin, { supported: SUPPORTED_COMPONENTS }), options);
}
