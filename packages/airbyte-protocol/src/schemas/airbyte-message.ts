import { z } from 'zod';
import { AirbyteCatalogSchema, DestinationCatalogSchema } from './catalog.js';
import { AirbyteConnectionStatusSchema } from './connection-status.js';
import { ConnectorSpecificationSchema } from './connector-specification.js';
import { AirbyteControlMessageSchema } from './control-message.js';
import { AirbyteLogMessageSchema } from './log-message.js';
import { AirbyteRecordMessageSchema } from './record-message.js';
import { AirbyteStateMessageSchema } from './state-message.js';
import { AirbyteTraceMessageSchema } from './trace-message.js';

/**
 * The envelope of every line on stdout. The YAML only requires `type`; we also require the payload that `type`
 * names (the platform silently drops a message without it), which lets TypeScript narrow on `type`.
 */
export const AirbyteMessageSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('RECORD'), record: AirbyteRecordMessageSchema }),
  z.looseObject({ type: z.literal('STATE'), state: AirbyteStateMessageSchema }),
  z.looseObject({ type: z.literal('LOG'), log: AirbyteLogMessageSchema }),
  z.looseObject({ type: z.literal('SPEC'), spec: ConnectorSpecificationSchema }),
  z.looseObject({ type: z.literal('CONNECTION_STATUS'), connectionStatus: AirbyteConnectionStatusSchema }),
  z.looseObject({ type: z.literal('CATALOG'), catalog: AirbyteCatalogSchema }),
  z.looseObject({ type: z.literal('TRACE'), trace: AirbyteTraceMessageSchema }),
  z.looseObject({ type: z.literal('CONTROL'), control: AirbyteControlMessageSchema }),
  z.looseObject({ type: z.literal('DESTINATION_CATALOG'), destination_catalog: DestinationCatalogSchema }),
]);
export type AirbyteMessage = z.infer<typeof AirbyteMessageSchema>;
export type AirbyteMessageType = AirbyteMessage['type'];
/** The message variant for one `type`, e.g. `AirbyteMessageOf<'RECORD'>`. */
export type AirbyteMessageOf<T extends AirbyteMessageType> = Extract<AirbyteMessage, { type: T }>;
