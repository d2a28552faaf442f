// `result_metadata` columns, precomputed per table so cards only slice shared arrays.
import type { JsonRecord } from '../types.js';
import type { FieldModel, TableModel } from './catalog.js';

export interface TableMetadata {
  /** MBQL raw-table columns: field_ref ["field", id, null]. */
  raw: JsonRecord[];
  /** Native-query columns: field_ref ["field", NAME, {"base-type": ...}], no field id. */
  native: JsonRecord[];
}

function column(field: FieldModel, native: boolean): JsonRecord {
  const r = field.record;
  // Native-query columns carry fewer keys: Metabase infers them from the driver's result, not from a Field.
  if (native) {
    return {
      display_name: field.name,
      field_ref: ['field', field.name, { 'base-type': field.baseType }],
      name: field.name,
      base_type: field.baseType,
      effective_type: field.baseType,
      semantic_type: field.semanticType,
      fingerprint: r.fingerprint,
    };
  }
  return {
    description: null,
    semantic_type: field.semanticType,
    coercion_strategy: null,
    name: field.name,
    settings: null,
    fk_target_field_id: null,
    field_ref: ['field', field.id, null],
    effective_type: field.baseType,
    id: field.id,
    visibility_type: 'normal',
    display_name: field.displayName,
    fingerprint: r.fingerprint,
    base_type: field.baseType,
  };
}

export function tableMetadata(table: TableModel): TableMetadata {
  return { raw: table.fields.map((f) => column(f, false)), native: table.fields.map((f) => column(f, true)) };
}

/** The breakout-by-month + count shape of an aggregated MBQL question. */
export function aggregatedMetadata(dateField: FieldModel, countDistinct: number): JsonRecord[] {
  return [
    {
      ...column(dateField, false),
      field_ref: ['field', dateField.id, { 'temporal-unit': 'month' }],
      unit: 'month',
      display_name: `${dateField.displayName}: Month`,
    },
    {
      display_name: 'Count',
      semantic_type: 'type/Quantity',
      field_ref: ['aggregation', 0],
      name: 'count',
      base_type: 'type/BigInteger',
      effective_type: 'type/BigInteger',
      fingerprint: {
        global: { 'distinct-count': countDistinct, 'nil%': 0 },
        type: { 'type/Number': { min: 1, q1: 120.5, q3: 870.25, max: 2210, sd: 410.7, avg: 512.3 } },
      },
    },
  ];
}
