import { z } from 'zod';
import { JsonObjectSchema } from './json-object.js';
import { StreamDescriptorSchema } from './stream-descriptor.js';

/** Absent means LEGACY. */
export const AirbyteStateTypeSchema = z.enum(['GLOBAL', 'STREAM', 'LEGACY']);
export type AirbyteStateType = z.infer<typeof AirbyteStateTypeSchema>;

export const AirbyteStateBlobSchema = JsonObjectSchema;
export type AirbyteStateBlob = z.infer<typeof AirbyteStateBlobSchema>;

/** `stream_state` may arrive as null (a reset) in platform input, so null is accepted when reading. */
export const AirbyteStreamStateSchema = z.looseObject({
  stream_descriptor: StreamDescriptorSchema,
  stream_state: AirbyteStateBlobSchema.nullable().optional(),
});
export type AirbyteStreamState = z.infer<typeof AirbyteStreamStateSchema>;

export const AirbyteGlobalStateSchema = z.looseObject({
  shared_state: AirbyteStateBlobSchema.nullable().optional(),
  stream_states: z.array(AirbyteStreamStateSchema),
});
export type AirbyteGlobalState = z.infer<typeof AirbyteGlobalStateSchema>;

/** Counts are doubles in the protocol; integers serialise fine from JavaScript. */
export const AirbyteStateStatsSchema = z.looseObject({
  recordCount: z.number().optional(),
  rejectedRecordCount: z.number().optional(),
});
export type AirbyteStateStats = z.infer<typeof AirbyteStateStatsSchema>;

/**
 * A checkpoint. The YAML requires none of its fields; like the Python CDK we reject a message that carries no
 * state at all, and one whose `type` names a payload it lacks, because the platform would drop or misread it.
 */
export const AirbyteStateMessageSchema = z
  .looseObject({
    type: AirbyteStateTypeSchema.optional(),
    stream: AirbyteStreamStateSchema.optional(),
    global: AirbyteGlobalStateSchema.optional(),
    data: JsonObjectSchema.optional(),
    sourceStats: AirbyteStateStatsSchema.optional(),
    destinationStats: AirbyteStateStatsSchema.optional(),
  })
  .superRefine((state, ctx) => {
    const required = { STREAM: 'stream', GLOBAL: 'global', LEGACY: 'data' } as const;
    if (state.type !== undefined) {
      const key = required[state.type];
      if (state[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: `is required when type is ${state.type}` });
      }
    } else if (state.stream === undefined && state.global === undefined && state.data === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'expected one of stream, global or data' });
    }
  });
export type AirbyteStateMessage = z.infer<typeof AirbyteStateMessageSchema>;
