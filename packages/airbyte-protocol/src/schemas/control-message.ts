import { z } from 'zod';
import { JsonObjectSchema } from './json-object.js';

export const AirbyteControlConnectorConfigMessageSchema = z.looseObject({
  config: JsonObjectSchema,
});
export type AirbyteControlConnectorConfigMessage = z.infer<typeof AirbyteControlConnectorConfigMessageSchema>;

/** Asks the platform to persist an updated config (for example a refreshed token). */
export const AirbyteControlMessageSchema = z.looseObject({
  type: z.enum(['CONNECTOR_CONFIG']),
  emitted_at: z.number(),
  connectorConfig: AirbyteControlConnectorConfigMessageSchema.optional(),
});
export type AirbyteControlMessage = z.infer<typeof AirbyteControlMessageSchema>;
