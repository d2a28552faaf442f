import { z } from 'zod';
import { defineSource, defineStream } from '@mb-airbyte/http-source-kit';
import type { ConnectorSource, MainOptions } from '../../src/index.js';

/** What a toy stream can be told to do, to drive the CLI through its paths without a network. */
export interface ToyHooks {
  /** Called when the `letters` stream starts reading. */
  onLetters?: () => Promise<void> | void;
}

const toyConfigSchema = z.object({
  token: z.string().meta({ title: 'Token', airbyte_secret: true }),
  count: z.number().int().min(0).default(3),
  fail: z.enum(['none', 'letters']).default('none'),
});

/** A tiny source for in-process CLI tests: two streams produced by code (the kit's escape hatch), no HTTP. */
export function toySource(hooks: ToyHooks = {}) {
  return defineSource<z.output<typeof toyConfigSchema>>({
    name: 'source-toy',
    version: '1.0.0',
    documentationUrl: 'https://example.com/toy',
    config: toyConfigSchema,
    http: () => ({ baseUrl: 'https://127.0.0.1:9/' }),
    // A secret only the source knows from the config (as a token obtained at run time is known only to the run).
    secrets: (config) => [`derived-${config.token}`],
    streams: (config) => [
      defineStream({
        name: 'numbers',
        primaryKey: [['n']],
        jsonSchema: { type: 'object', properties: { n: { type: 'integer' } } },
        read: async function* () {
          for (let n = 1; n <= config.count; n += 1) yield await Promise.resolve({ n });
        },
      }),
      defineStream({
        name: 'letters',
        jsonSchema: { type: 'object', properties: { letter: { type: 'string' } } },
        read: async function* () {
          await hooks.onLetters?.();
          yield { letter: 'a' };
          if (config.fail === 'letters') throw new Error(`letters broke while holding ${config.token}`);
          yield { letter: 'b' };
        },
      }),
    ],
  });
}

/** `main`'s options for a command `source-toy` running the toy source. */
export function toyOptions(hooks: ToyHooks = {}): MainOptions {
  return {
    name: 'source-toy',
    version: '1.2.3',
    checkTarget: 'against the toy API',
    loadSource: () => Promise.resolve<ConnectorSource>(toySource(hooks)),
  };
}
