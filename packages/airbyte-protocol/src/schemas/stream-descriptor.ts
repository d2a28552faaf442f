import { z } from 'zod';

/** Names a stream; `namespace` is optional and any UTF-8 string (even empty) is allowed. */
export const StreamDescriptorSchema = z.looseObject({
  name: z.string(),
  namespace: z.string().optional(),
});
export type StreamDescriptor = z.infer<typeof StreamDescriptorSchema>;
