import { z } from 'zod';
import { StreamDescriptorSchema } from './stream-descriptor.js';

export const FailureTypeSchema = z.enum(['system_error', 'config_error', 'transient_error']);
/** The enum schema doubles as a value: `FailureType.enum.config_error`. */
export const FailureType = FailureTypeSchema;
export type FailureType = z.infer<typeof FailureTypeSchema>;

export const AirbyteErrorTraceMessageSchema = z.looseObject({
  message: z.string(),
  internal_message: z.string().optional(),
  stack_trace: z.string().optional(),
  failure_type: FailureTypeSchema.optional(),
  stream_descriptor: StreamDescriptorSchema.optional(),
});
export type AirbyteErrorTraceMessage = z.infer<typeof AirbyteErrorTraceMessageSchema>;

export const AirbyteEstimateTraceMessageSchema = z.looseObject({
  name: z.string(),
  type: z.enum(['STREAM', 'SYNC']),
  namespace: z.string().optional(),
  row_estimate: z.number().int().optional(),
  byte_estimate: z.number().int().optional(),
});
export type AirbyteEstimateTraceMessage = z.infer<typeof AirbyteEstimateTraceMessageSchema>;

export const AirbyteStreamStatusSchema = z.enum(['STARTED', 'RUNNING', 'COMPLETE', 'INCOMPLETE']);
/** The enum schema doubles as a value: `AirbyteStreamStatus.enum.COMPLETE`. */
export const AirbyteStreamStatus = AirbyteStreamStatusSchema;
export type AirbyteStreamStatus = z.infer<typeof AirbyteStreamStatusSchema>;

export const AirbyteStreamStatusReasonSchema = z.looseObject({
  type: z.enum(['RATE_LIMITED']),
  rate_limited: z.looseObject({ quota_reset: z.number().int().optional() }).optional(),
});
export type AirbyteStreamStatusReason = z.infer<typeof AirbyteStreamStatusReasonSchema>;

export const AirbyteStreamStatusTraceMessageSchema = z.looseObject({
  stream_descriptor: StreamDescriptorSchema,
  status: AirbyteStreamStatusSchema,
  reasons: z.array(AirbyteStreamStatusReasonSchema).optional(),
});
export type AirbyteStreamStatusTraceMessage = z.infer<typeof AirbyteStreamStatusTraceMessageSchema>;

export const AirbyteAnalyticsTraceMessageSchema = z.looseObject({
  type: z.string(),
  value: z.string().optional(),
});
export type AirbyteAnalyticsTraceMessage = z.infer<typeof AirbyteAnalyticsTraceMessageSchema>;

/** `emitted_at` is a number of milliseconds here (not necessarily an integer, unlike RECORD). */
const emittedAt = z.number();

/** Discriminated on the trace `type`; each variant requires its payload so TypeScript can narrow on it. */
export const AirbyteTraceMessageSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('ERROR'), emitted_at: emittedAt, error: AirbyteErrorTraceMessageSchema }),
  z.looseObject({ type: z.literal('ESTIMATE'), emitted_at: emittedAt, estimate: AirbyteEstimateTraceMessageSchema }),
  z.looseObject({
    type: z.literal('STREAM_STATUS'),
    emitted_at: emittedAt,
    stream_status: AirbyteStreamStatusTraceMessageSchema,
  }),
  z.looseObject({ type: z.literal('ANALYTICS'), emitted_at: emittedAt, analytics: AirbyteAnalyticsTraceMessageSchema }),
]);
export type AirbyteTraceMessage = z.infer<typeof AirbyteTraceMessageSchema>;
export type AirbyteTraceType = AirbyteTraceMessage['type'];
