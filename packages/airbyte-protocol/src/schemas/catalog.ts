import { z } from 'zod';
import { JsonObjectSchema } from './json-object.js';

export const SyncModeSchema = z.enum(['full_refresh', 'incremental']);
/** The enum schema doubles as a value: `SyncMode.enum.incremental`. */
export const SyncMode = SyncModeSchema;
export type SyncMode = z.infer<typeof SyncModeSchema>;

export const DestinationSyncModeSchema = z.enum(['append', 'overwrite', 'append_dedup', 'update', 'soft_delete']);
/** The enum schema doubles as a value: `DestinationSyncMode.enum.append`. */
export const DestinationSyncMode = DestinationSyncModeSchema;
export type DestinationSyncMode = z.infer<typeof DestinationSyncModeSchema>;

/** A path into a record, e.g. `["updated_at"]`. */
export const FieldPathSchema = z.array(z.string());
const fieldPath = FieldPathSchema;

export const AirbyteStreamSchema = z.looseObject({
  name: z.string(),
  json_schema: JsonObjectSchema,
  supported_sync_modes: z.array(SyncModeSchema).min(1),
  source_defined_cursor: z.boolean().optional(),
  default_cursor_field: fieldPath.optional(),
  source_defined_primary_key: z.array(fieldPath).optional(),
  namespace: z.string().optional(),
  is_resumable: z.boolean().optional(),
  is_file_based: z.boolean().optional(),
});
export type AirbyteStream = z.infer<typeof AirbyteStreamSchema>;

export const AirbyteCatalogSchema = z.looseObject({
  streams: z.array(AirbyteStreamSchema),
});
export type AirbyteCatalog = z.infer<typeof AirbyteCatalogSchema>;

export const ConfiguredAirbyteStreamSchema = z.looseObject({
  stream: AirbyteStreamSchema,
  sync_mode: SyncModeSchema,
  cursor_field: fieldPath.optional(),
  /** Required by the YAML; a source ignores it, so a hand-written catalog may leave it out (YAML default). */
  destination_sync_mode: DestinationSyncModeSchema.default('append'),
  destination_object_name: z.string().optional(),
  primary_key: z.array(fieldPath).optional(),
  generation_id: z.number().int().optional(),
  minimum_generation_id: z.number().int().optional(),
  sync_id: z.number().int().optional(),
  include_files: z.boolean().optional(),
});
export type ConfiguredAirbyteStream = z.infer<typeof ConfiguredAirbyteStreamSchema>;

export const ConfiguredAirbyteCatalogSchema = z.looseObject({
  streams: z.array(ConfiguredAirbyteStreamSchema),
});
export type ConfiguredAirbyteCatalog = z.infer<typeof ConfiguredAirbyteCatalogSchema>;

export const DestinationOperationSchema = z.looseObject({
  object_name: z.string(),
  sync_mode: DestinationSyncModeSchema,
  json_schema: JsonObjectSchema,
  matching_keys: z.array(fieldPath).optional(),
});
export type DestinationOperation = z.infer<typeof DestinationOperationSchema>;

export const DestinationCatalogSchema = z.looseObject({
  operations: z.array(DestinationOperationSchema),
});
export type DestinationCatalog = z.infer<typeof DestinationCatalogSchema>;
