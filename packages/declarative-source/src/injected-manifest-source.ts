/**
 * The source Airbyte's manifest runtime is: the manifest comes in the config, under `__injected_declarative_manifest`
 * (a JSON object), and everything else follows from it per run. Its spec is the runtime's own: that key, required.
 */
import { defineSource, type CheckContext, type SourceDefinition } from '@mb-airbyte/http-source-kit';
import { z } from 'zod';
import type { JsonRecord } from './build/build-context.js';
import type { DeclarativeSourceOptions } from './build/declarative-source.js';
import { INJECTED_MANIFEST_KEY } from './build/manifest-config.js';
import { sourceFromManifest } from './source-from-manifest.js';

const runtimeSpecification: JsonRecord = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: [INJECTED_MANIFEST_KEY],
  properties: {
    [INJECTED_MANIFEST_KEY]: {
      type: 'object',
      title: 'Declarative manifest',
      description: "The connector's manifest, as a JSON object.",
    },
  },
  additionalProperties: true,
};

export function injectedManifestSource(options: DeclarativeSourceOptions = {}): SourceDefinition<JsonRecord> {
  const sources = new WeakMap<object, SourceDefinition<JsonRecord>>();
  const sourceFor = (config: JsonRecord): SourceDefinition<JsonRecord> => {
    const manifest = config[INJECTED_MANIFEST_KEY] as object;
    let source = sources.get(manifest);
    if (source === undefined) {
      source = sourceFromManifest(manifest, `in the config's ${INJECTED_MANIFEST_KEY}`, options);
      sources.set(manifest, source);
    }
    return source;
  };
  const config = z.record(z.string(), z.unknown()).superRefine((value, issues) => {
    const manifest = value[INJECTED_MANIFEST_KEY];
    if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
      issues.addIssue({
        code: 'custom',
        path: [INJECTED_MANIFEST_KEY],
        message: 'must be the manifest, as a JSON object',
      });
      return;
    }
    let source: SourceDefinition<JsonRecord>;
    try {
      source = sourceFor(value);
    } catch (error) {
      issues.addIssue({ code: 'custom', path: [INJECTED_MANIFEST_KEY], message: (error as Error).message });
      return;
    }
    const checked = source.config.safeParse(value);
    if (!checked.success)
      for (const issue of checked.error.issues) issues.addIssue({ ...issue, code: 'custom', message: issue.message });
  });
  return defineSource<JsonRecord>({
    name: options.name ?? 'source-declarative-manifest',
    version: options.version ?? '0.0.0',
    config,
    connectionSpecification: () => runtimeSpecification,
    http: (c, run) => sourceFor(c).http(c, run),
    authenticator: (c, run) =>
      sourceFor(c).authenticator?.(c, run) ?? {
        headers: () => Promise.resolve({}),
        secrets: () => [],
        describe: () => 'no authentication',
      },
    streams: (c, run) => sourceFor(c).streams(c, run),
    check: (context: CheckContext<JsonRecord>) => {
      const check = sourceFor(context.config).check;
      if (check === undefined) throw new TypeError('a manifest source always has a check');
      return check(context);
    },
    secrets: (c) => secretsOf(sourceFor(c), c),
  });
}

/** The manifest's own `airbyte_secret` fields, which the runtime's spec cannot mark. */
function secretsOf(source: SourceDefinition<JsonRecord>, config: JsonRecord): string[] {
  const specification = source.connectionSpecification?.({}) ?? {};
  const properties = (specification.properties ?? {}) as Record<string, { airbyte_secret?: boolean }>;
  return Object.entries(properties)
    .filter(([key, property]) => property.airbyte_secret === true && typeof config[key] === 'string')
    .map(([key]) => config[key] as string);
}
