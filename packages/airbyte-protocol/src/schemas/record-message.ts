import { z } from 'zod';
import { JsonObjectSchema } from './json-object.js';

export const AirbyteRecordMessageMetaChangeSchema = z.looseObject({
  field: z.string(),
  change: z.enum(['NULLED', 'TRUNCATED']),
  reason: z.enum([
    'SOURCE_RECORD_SIZE_LIMITATION',
    'DESTINATION_RECORD_SIZE_LIMITATION',
    'PLATFORM_RECORD_SIZE_LIMITATION',
    'SOURCE_FIELD_SIZE_LIMITATION',
    'DESTINATION_FIELD_SIZE_LIMITATION',
    'PLATFORM_FIELD_SIZE_LIMITATION',
    'SOURCE_SERIALIZATION_ERROR',
    'DESTINATION_SERIALIZATION_ERROR',
    'PLATFORM_SERIALIZATION_ERROR',
    'SOURCE_RETRIEVAL_ERROR',
    'DESTINATION_TYPECAST_ERROR',
  ]),
});
export type AirbyteRecordMessageMetaChange = z.infer<typeof AirbyteRecordMessageMetaChangeSchema>;

export const AirbyteRecordMessageMetaSchema = z.looseObject({
  changes: z.array(AirbyteRecordMessageMetaChangeSchema).optional(),
});
export type AirbyteRecordMessageMeta = z.infer<typeof AirbyteRecordMessageMetaSchema>;

export const AirbyteRecordMessageFileReferenceSchema = z.looseObject({
  staging_file_url: z.string().optional(),
  source_file_relative_path: z.string().optional(),
  file_size_bytes: z.number().int().optional(),
});
export type AirbyteRecordMessageFileReference = z.infer<typeof AirbyteRecordMessageFileReferenceSchema>;

/** One row of a stream. `emitted_at` is an integer epoch in milliseconds. */
export const AirbyteRecordMessageSchema = z.looseObject({
  namespace: z.string().optional(),
  stream: z.string(),
  data: JsonObjectSchema,
  emitted_at: z.number().int(),
  meta: AirbyteRecordMessageMetaSchema.optional(),
  file_reference: AirbyteRecordMessageFileReferenceSchema.optional(),
});
export type AirbyteRecordMessage = z.infer<typeof AirbyteRecordMessageSchema>;
