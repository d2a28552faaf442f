import { defineSource, type SourceDefinition, type SourceHttpOptions } from '@mb-airbyte/http-source-kit';
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

/**
 * The Metabase source as a kit source definition. Each run (check, read) builds its own authenticator from the
 * validated config, so a login, its session and its logout belong to exactly one run.
 */
export function createMetabaseSource(options: MetabaseSourceOptions = {}): SourceDefinition<MetabaseConfig> {
  // Per run: the kit validates the config into a new object for each command, and `check` needs to ask the run's
  // authenticator how it logged in.
  const runs = new WeakMap<MetabaseConfig, MetabaseAuth>();
  const authFor = (config: MetabaseConfig): MetabaseAuth => {
    let auth = runs.get(config);
    if (auth === undefined) {
      auth = createMetabaseAuth(chooseCredential(config));
      runs.set(config, auth);
    }
    return auth;
  };
  const streams = metabaseStreams(options.streams);
  return defineSource<MetabaseConfig>({
    name: 'source-metabase',
    version: sourceVersion,
    documentationUrl: 'https://docs.airbyte.com/integrations/sources/metabase',
    config: metabaseSourceConfigSchema,
    http: (config) => ({ ...metabaseHttpOptions(config, authFor(config).credential), ...options.http }),
    authenticator: (config) => authFor(config).authenticator,
    streams: () => streams,
    check: (context) => checkConnection(context, authFor(context.config)),
  });
}

/** The source the CLI runs. */
export const metabaseSource: SourceDefinition<MetabaseConfig> = createMetabaseSource();
