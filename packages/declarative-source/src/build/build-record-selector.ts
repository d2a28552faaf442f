/** A RecordSelector: where records are (DpathExtractor.field_path), which pass (RecordFilter), how they change. */
import type { JsonRecord as KitRecord, Partition, RecordsSpec, TransformContext } from '@mb-airbyte/http-source-kit';
import { manifestError } from '../manifest/manifest-error.js';
import { asText, evaluate, evaluateCondition, type BuildContext, type JsonRecord } from './build-context.js';
import { childComponent, type Component } from './component.js';

export interface BuiltSelector {
  records: RecordsSpec;
  /** Whether a record passes the selector's filter (undefined: every record passes). */
  filter: ((record: JsonRecord, partition: Partition | undefined) => boolean) | undefined;
}

export function buildRecordSelector(context: BuildContext, selector: Component): BuiltSelector {
  const extractor = childComponent(selector, 'extractor') ?? {};
  const fieldPath = Array.isArray(extractor.field_path) ? extractor.field_path : [];
  const path = fieldPath.map((segment) => asText(evaluate(context, extractor, segment)));
  if (path.includes('*'))
    throw manifestError('DpathExtractor: a "*" wildcard in field_path is not supported by this runtime.');
  const recordFilter = childComponent(selector, 'record_filter');
  const condition = recordFilter?.condition;
  const filter =
    recordFilter === undefined || condition === undefined || condition === ''
      ? undefined
      : (record: JsonRecord, partition: Partition | undefined) =>
          evaluateCondition(context, recordFilter, condition, {
            record,
            stream_slice: partition ?? {},
            stream_state: {},
          });
  return { records: { path, expect: 'array-or-object' }, filter };
}

export type RecordEdit = (
  json: string,
  record: () => KitRecord,
  context: TransformContext<JsonRecord>,
) => string | undefined;
