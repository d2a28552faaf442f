import { defineSource, perRun, type SourceDefinition, type SourceHttpOptions } from '@mb-airbyte/http-source-kit';
import { createMetabaseAuth, type MetabaseAuth } from './auth/metabase-auth.js';
import { checkConnection } from './check-connection.js';
import { chooseCredential } from './choose-credential.js';
import type { MetabaseConfig } from './config.js';
import { metabaseHttpOptions } from './http-options.js';
import { metabaseSourceConfigSchema } from './source-config.js';
import { metabaseStreams } from './streams/index.js';
import type { MetabaseStreamOptions } from './streams/metabase-stream.js';
import { sourceVersion } from './version.js';

export interface MetabaseSourceOptions {
  /** HTTP client settings over the defaults (retry budget, timeouts, connection limit); tests shorten retries. */
  http?: Partial<Omit<SourceHttpOptions, 'baseUrl' | 'caCertPem' | 'errorTable'>>;
  streams?: MetabaseStreamOptions;
}

/** One authenticator per run (check, read): `check` asks it how it logged in. */
const runAuth = perRun((config: MetabaseConfig): MetabaseAuth => createMetabaseAuth(chooseCredential(config)));

/**
 * The Metabase source as a kit source definition. Each run (check, read) builds its own authenticator from the
 * validated config, so a login, its session and its logout belong to exactly one run.
 */
export function createMetabaseSource(options: MetabaseSourceOptions = {}): SourceDefinition<MetabaseConfig> {
  return defineSource<MetabaseConfig>({
    name: 'source-metabase',
    version: sourceVersion,
    documentationUrl: 'https://docs.airbyte.com/integrations/sources/metabase',
    config: metabaseSourceConfigSchema,
    http: (config, run) => ({ ...metabaseHttpOptions(config, run.get(runAuth).credential), ...options.http }),
    authenticator: (_config, run) => run.get(runAuth).authenticator,
    // Built per run: streams of one run share what they look up once (who the credential acts as).
    streams: () => metabaseStreams(options.streams),
    check: (context) => checkConnection(context, context.run.get(runAuth)),
  });
}

/** The source the CLI runs. */
export const metabaseSource: SourceDefinition<MetabaseConfig> = createMetabaseSource();
