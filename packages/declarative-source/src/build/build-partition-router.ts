/** Partition routers: SubstreamPartitionRouter (parent records drive requests) and ListPartitionRouter. */
import {
  parentPartitions,
  type Partition,
  type PartitionRouter,
  type StreamDefinition,
} from '@mb-airbyte/http-source-kit';
import { manifestError } from '../manifest/manifest-error.js';
import { asText, evaluate, type BuildContext, type JsonRecord } from './build-context.js';
import { buildRequestOption } from './build-request-option.js';
import { childComponent, childComponents, typeOf, type Component } from './component.js';
import { injectInto, withRequestParts } from './request-parts.js';

/** Builds the stream a parent config names (inline or by reference, already resolved). */
export type StreamBuilder = (stream: Component) => StreamDefinition<JsonRecord>;

/** Parent partitions read at the same time (the CDK reads partitions one after the other by default). */
const PARENT_CONCURRENCY = 4;

export function buildPartitionRouter(
  context: BuildContext,
  routers: Component[],
  buildStream: StreamBuilder,
): PartitionRouter<JsonRecord> | undefined {
  if (routers.length === 0) return undefined;
  if (routers.length > 1)
    throw manifestError(
      'Several partition routers on one retriever (a cartesian product) are not supported by this runtime.',
    );
  const router = routers[0] as Component;
  if (typeOf(router) === 'ListPartitionRouter') return listRouter(context, router);
  const configs = childComponents(router, 'parent_stream_configs');
  if (configs.length !== 1)
    throw manifestError('SubstreamPartitionRouter: exactly one parent stream config is supported by this runtime.');
  const parentConfig = configs[0] as Component;
  const parentStream = childComponent(parentConfig, 'stream');
  if (parentStream === undefined) throw manifestError('ParentStreamConfig: the parent stream is missing.');
  const parent = buildStream(parentStream);
  const parentKey = asText(evaluate(context, parentConfig, parentConfig.parent_key));
  const field = asText(evaluate(context, parentConfig, parentConfig.partition_field));
  const option = childComponent(parentConfig, 'request_option');
  const injection = option === undefined ? undefined : buildRequestOption(context, option);
  const extraFields = Array.isArray(parentConfig.extra_fields) ? (parentConfig.extra_fields as unknown[][]) : [];
  return parentPartitions<JsonRecord>({
    parent,
    concurrency: PARENT_CONCURRENCY,
    partition: (record) => {
      const value = valueAt(record, parentKey.split('/'));
      if (value === undefined) return undefined;
      const partition: JsonRecord = { [field]: value, parent_slice: {} };
      for (const path of extraFields) partition[path.map(String).join('.')] = valueAt(record, path.map(String));
      return injection === undefined
        ? partition
        : withRequestParts(partition, injectInto(injection.injectInto, injection.field, value));
    },
  });
}

function listRouter(context: BuildContext, router: Component): PartitionRouter<JsonRecord> {
  const cursorField = asText(evaluate(context, router, router.cursor_field));
  const values = evaluate(context, router, router.values);
  const list: unknown[] = Array.isArray(values) ? values : typeof values === 'string' ? values.split(',') : [];
  const option = childComponent(router, 'request_option');
  const injection = option === undefined ? undefined : buildRequestOption(context, option);
  const partitions: Partition[] = list.map((value) => {
    const partition: JsonRecord = { [cursorField]: value };
    return injection === undefined
      ? partition
      : withRequestParts(partition, injectInto(injection.injectInto, injection.field, value));
  });
  return {
    concurrency: 1,
    async *partitions() {
      await Promise.resolve();
      yield* partitions;
    },
  };
}

function valueAt(record: unknown, path: readonly string[]): unknown {
  let node = record;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
