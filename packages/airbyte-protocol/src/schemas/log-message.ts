import { z } from 'zod';

export const LogLevelSchema = z.enum(['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']);
/** The enum schema doubles as a value: `LogLevel.enum.INFO`, `LogLevel.options`. */
export const LogLevel = LogLevelSchema;
export type LogLevel = z.infer<typeof LogLevelSchema>;

export const AirbyteLogMessageSchema = z.looseObject({
  level: LogLevelSchema,
  message: z.string(),
  stack_trace: z.string().optional(),
});
export type AirbyteLogMessage = z.infer<typeof AirbyteLogMessageSchema>;
