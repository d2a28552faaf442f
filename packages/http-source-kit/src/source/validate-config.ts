import { formatZodIssues } from '@mb-airbyte/airbyte-protocol';
import { ConnectorError } from '../errors/index.js';
import type { SourceDefinition } from './source-definition.js';

/** The config parsed by the source's zod schema, or a config_error listing each bad field (never its value). */
export function validateConfig<Config>(source: SourceDefinition<Config>, raw: unknown): Config {
  const parsed = source.config.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = formatZodIssues(parsed.error.issues, 10);
  throw new ConnectorError({
    message: `The configuration is not valid: ${issues.join('; ')}`,
    internalMessage: `config validation failed (${parsed.error.issues.length} issues)`,
    failureType: 'config_error',
    userInput: true,
  });
}
