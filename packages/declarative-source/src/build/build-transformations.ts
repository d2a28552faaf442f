/**
 * A stream's transformations, in order, on each record's exact text: AddFields (each AddedFieldDefinition's value,
 * interpolated with the record, at its path, cast by value_type) and RemoveFields (field_pointers, `*` for any key).
 */
import type { Partition } from '@mb-airbyte/http-source-kit';
import { manifestError } from '../manifest/manifest-error.js';
import { asText, evaluate, type BuildContext, type JsonRecord } from './build-context.js';
import { childComponents, typeOf, type Component } from './component.js';
import { removeJsonPath, setJsonPath } from './json-edit.js';

export type JsonEdit = (json: string, partition: Partition | undefined) => string;

export function buildTransformations(context: BuildContext, transformations: Component[]): JsonEdit[] {
  return transformations.map((transformation) => {
    if (transformation.condition !== undefined && transformation.condition !== '') {
      throw manifestError(`${String(transformation.type)}: condition is not supported by this runtime.`);
    }
    switch (typeOf(transformation)) {
      case 'AddFields':
        return addFields(context, childComponents(transformation, 'fields'));
      case 'RemoveFields': {
        const pointers = Array.isArray(transformation.field_pointers)
          ? (transformation.field_pointers as unknown[][])
          : [];
        const paths = pointers.map((pointer) =>
          pointer.map((segment) => asText(evaluate(context, transformation, segment))),
        );
        return (json) => paths.reduce(removeJsonPath, json);
      }
      default:
        throw manifestError(`The transformation ${String(transformation.type)} is not supported by this runtime.`);
    }
  });
}

function addFields(context: BuildContext, fields: Component[]): JsonEdit {
  return (json, partition) => {
    const record = JSON.parse(json) as JsonRecord;
    const values = { record, stream_slice: partition ?? {} };
    let out = json;
    for (const field of fields) {
      const path = (Array.isArray(field.path) ? field.path : []).map((segment) =>
        asText(evaluate(context, field, segment, values)),
      );
      const text: unknown = JSON.stringify(cast(evaluate(context, field, field.value, values), field.value_type));
      out = setJsonPath(out, path, typeof text === 'string' ? text : 'null');
    }
    return out;
  };
}

/** value_type: the value as that type, as the CDK casts it. */
function cast(value: unknown, type: unknown): unknown {
  switch (type) {
    case 'string':
      return asText(value);
    case 'number':
      return Number(value);
    case 'integer':
      return Math.trunc(Number(value));
    case 'boolean':
      return value === true || value === 'True' || value === 'true';
    default:
      return value;
  }
}
