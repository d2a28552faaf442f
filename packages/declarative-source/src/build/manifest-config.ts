/**
 * The config schema of a manifest source: any JSON object, checked against the manifest's connection_specification
 * (draft-07) when it has one. The key Airbyte's runtime injects the manifest under is not part of the user's config.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import type { JsonRecord } from './build-context.js';

export const INJECTED_MANIFEST_KEY = '__injected_declarative_manifest';

export function manifestConfigSchema(connectionSpecification: JsonRecord | undefined): z.ZodType<JsonRecord> {
  let validate: ValidateFunction | undefined;
  return z.record(z.string(), z.unknown()).superRefine((config, issues) => {
    if (connectionSpecification === undefined) return;
    validate ??= new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(connectionSpecification);
    const { [INJECTED_MANIFEST_KEY]: _manifest, ...userConfig } = config;
    if (validate(userConfig)) return;
    for (const error of (validate.errors ?? []).slice(0, 10)) {
      const path = error.instancePath.split('/').filter((segment) => segment !== '');
      const missing = (error.params as { missingProperty?: string }).missingProperty;
      issues.addIssue({
        code: 'custom',
        path: missing === undefined ? path : [...path, missing],
        message: missing === undefined ? (error.message ?? 'is not valid') : 'is required',
      });
    }
  });
}
