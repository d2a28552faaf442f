import { parseDocument } from 'yaml';
import { manifestError } from './manifest-error.js';

/** Characters of a manifest accepted: the largest of Airbyte's manifests are well under 1 MB. */
export const MAX_MANIFEST_CHARS = 16 * 1024 * 1024;

/**
 * A manifest's text (YAML, or JSON, which is YAML too) as plain data. Aliases are expanded with a cap, so a small
 * file cannot expand into an unbounded document ("billion laughs").
 */
export function parseManifestText(text: string, origin: string): Record<string, unknown> {
  if (text.length > MAX_MANIFEST_CHARS) {
    throw manifestError(`The manifest ${origin} is larger than ${MAX_MANIFEST_CHARS / 1024 / 1024} MB.`);
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problem = document.errors[0];
  if (problem !== undefined) {
    const where = problem.linePos?.[0];
    const at = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`;
    const reason = (problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw manifestError(`The manifest ${origin} is not valid YAML or JSON${at}: ${reason}`);
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw manifestError(`The manifest ${origin} could not be read: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw manifestError(
      `The manifest ${origin} must be a YAML or JSON object (a mapping with "type: DeclarativeSource").`,
    );
  }
  return value as Record<string, unknown>;
}
