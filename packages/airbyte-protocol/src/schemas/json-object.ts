import { z } from 'zod';

/** Any JSON object (records, state blobs, JSON schemas): the protocol types these as open `object`s. */
export const JsonObjectSchema = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObjectSchema>;
