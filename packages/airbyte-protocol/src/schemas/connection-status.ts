import { z } from 'zod';

export const AirbyteConnectionStatusSchema = z.looseObject({
  status: z.enum(['SUCCEEDED', 'FAILED']),
  message: z.string().optional(),
});
export type AirbyteConnectionStatus = z.infer<typeof AirbyteConnectionStatusSchema>;
