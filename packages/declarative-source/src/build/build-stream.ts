/** A DeclarativeStream with a SimpleRetriever, as a kit stream definition. */
import {
  defineStream,
  type RequestContext,
  type StreamDefinition,
  type StreamRequest,
} from '@mb-airbyte/http-source-kit';
import { formatManifestPath, manifestError, type ManifestPath } from '../manifest/manifest-error.js';
import { asText, evaluate, type BuildContext, type JsonRecord } from './build-context.js';
import { buildDatetimeCursor } from './build-datetime-cursor.js';
import { buildPaginator } from './build-paginator.js';
import { buildPartitionRouter } from './build-partition-router.js';
import { buildRecordSelector, type BuiltSelector } from './build-record-selector.js';
import { buildTransformations, type JsonEdit } from './build-transformations.js';
import { buildRequester } from './build-requester.js';
import type { BuiltRequester, ResolvedRequest } from './built-requester.js';
import { childComponent, childComponents, type Component } from './component.js';
import type { PageState } from './request-parts.js';

export function buildStream(
  context: BuildContext,
  stream: Component,
  place: ManifestPath,
): StreamDefinition<JsonRecord> {
  const name = asText(evaluate(context, stream, stream.name));
  const retriever = childComponent(stream, 'retriever');
  if (retriever === undefined)
    throw manifestError(`The stream "${name}" at ${formatManifestPath(place)} has no retriever.`);
  const requester = buildRequester(context, childComponent(retriever, 'requester') ?? {});
  const selector = buildRecordSelector(context, childComponent(retriever, 'record_selector') ?? {});
  const primaryKey = primaryKeyOf(stream.primary_key);
  const router = buildPartitionRouter(context, childComponents(retriever, 'partition_router'), (parent) =>
    buildStream(context, parent, [...place, 'retriever', 'partition_router', 'parent_stream_configs', 'stream']),
  );
  const incremental = childComponent(stream, 'incremental_sync');
  const cursor = incremental === undefined ? undefined : buildDatetimeCursor(context, incremental, context.now);
  const partitions = cursor === undefined ? router : cursor.router(router);
  try {
    return defineStream<JsonRecord>({
      name,
      primaryKey,
      jsonSchema: schemaOf(stream, primaryKey, cursor?.cursorField),
      request: streamRequest(requester),
      records: selector.records,
      paginator: buildPaginator(context, childComponent(retriever, 'paginator')),
      ...(partitions === undefined ? {} : { partitions }),
      ...(cursor === undefined
        ? {}
        : { cursorField: cursor.cursorField, cursorValue: cursor.cursorValue, cursorFilter: cursor.cursorFilter }),
      ...recordEdits(selector.filter, buildTransformations(context, childComponents(stream, 'transformations'))),
    });
  } catch (error) {
    throw manifestError(`The stream at ${formatManifestPath(place)} cannot be built: ${(error as Error).message}`);
  }
}

/** The selector's filter, then the transformations, on each record's text. */
function recordEdits(
  filter: BuiltSelector['filter'],
  edits: JsonEdit[],
): Pick<StreamDefinition<JsonRecord>, 'transformJson'> {
  if (filter === undefined && edits.length === 0) return {};
  return {
    transformJson: (json, { partition }) => {
      if (filter !== undefined && !filter(JSON.parse(json) as JsonRecord, partition)) return [];
      return [edits.reduce((text, edit) => edit(text, partition), json)];
    },
  };
}

/** The kit's request closures; one resolution serves the URL, headers and body of the same request. */
function streamRequest(requester: BuiltRequester): StreamRequest<JsonRecord> {
  const last: { partition?: unknown; page?: unknown; resolved?: ResolvedRequest } = {};
  const resolve = ({ partition, page }: RequestContext<JsonRecord>): ResolvedRequest => {
    if (last.resolved !== undefined && last.partition === partition && last.page === page) return last.resolved;
    const resolved = requester.resolve({ partition, page: page as PageState | undefined });
    Object.assign(last, { partition, page, resolved });
    return resolved;
  };
  return {
    method: requester.method,
    path: (context) => resolve(context).url,
    headers: (context) => resolve(context).headers,
    body: (context: RequestContext<JsonRecord>): unknown => resolve(context).body,
    ...(requester.authenticator === undefined ? {} : { authenticator: requester.authenticator }),
    ...(requester.errors.classify === undefined ? {} : { classify: requester.errors.classify }),
    ...(requester.errors.retry === undefined ? {} : { retry: requester.errors.retry }),
  };
}

/** `id`, `[id, account]` or `[[a, b], [c]]` as the kit's list of field paths. */
export function primaryKeyOf(value: unknown): string[][] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return [[value]];
  if (!Array.isArray(value)) return [];
  return value.map((key) => (Array.isArray(key) ? key.map(String) : [String(key)]));
}

/** The InlineSchemaLoader's schema; other loaders give an open object schema. Key fields missing from it are added. */
function schemaOf(stream: Component, primaryKey: string[][], cursorField: string | undefined): JsonRecord {
  const loader = childComponent(stream, 'schema_loader');
  const inline = loader?.type === 'InlineSchemaLoader' ? childComponent(loader, 'schema') : undefined;
  const schema: JsonRecord =
    inline === undefined ? { type: 'object', additionalProperties: true, properties: {} } : { ...inline };
  const properties = { ...((schema.properties as JsonRecord | undefined) ?? {}) };
  for (const key of [...primaryKey, ...(cursorField === undefined ? [] : [[cursorField]])]) {
    if (key[0] !== undefined && key.length === 1 && !Object.hasOwn(properties, key[0])) properties[key[0]] = {};
  }
  schema.properties = properties;
  return schema;
}
