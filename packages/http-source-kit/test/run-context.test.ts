// The per-run context: each command's hooks (http, authenticator, streams, check) share one value per `perRun`
// declaration, made from the validated config on first use; the next command gets a new one.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSource, defineStream, perRun, type Authenticator } from '../src/index.js';
import { checkSource, discoverSource } from '../src/testing/index.js';

const configSchema = z.object({ base_url: z.string() });
type Config = z.output<typeof configSchema>;

function countingSource() {
  let made = 0;
  const seen: { hook: string; id: number }[] = [];
  const runId = perRun((config: Config) => ({ id: ++made, url: config.base_url }));
  const authenticator: Authenticator = {
    headers: () => Promise.resolve({}),
    secrets: () => [],
    describe: () => 'none',
  };
  const source = defineSource<Config>({
    name: 'source-run-context',
    version: '1.0.0',
    config: configSchema,
    http: (config, run) => {
      seen.push({ hook: 'http', id: run.get(runId).id });
      return { baseUrl: config.base_url };
    },
    authenticator: (_config, run) => {
      seen.push({ hook: 'authenticator', id: run.get(runId).id });
      return authenticator;
    },
    streams: (_config, run) => {
      seen.push({ hook: 'streams', id: run.get(runId).id });
      return [
        defineStream<Config>({
          name: 'items',
          primaryKey: [['id']],
          jsonSchema: { type: 'object', properties: { id: { type: 'integer' } } },
          request: { path: 'items' },
        }),
      ];
    },
    check: (context) => {
      const value = context.run.get(runId);
      seen.push({ hook: 'check', id: value.id });
      return Promise.resolve(`checked ${value.url}`);
    },
  });
  return { source, seen, made: () => made };
}

describe('per-run context', () => {
  it('gives every hook of one command the same value, and each command a new one', async () => {
    const { source, seen, made } = countingSource();
    const first = await checkSource(source, { base_url: 'https://one.example.com' });
    expect(first.traces, JSON.stringify(first.traces)).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.connectionStatus?.message).toBe('checked https://one.example.com');
    expect(new Set(seen.map(({ hook }) => hook))).toEqual(new Set(['http', 'authenticator', 'streams', 'check']));
    expect(seen.every(({ id }) => id === 1)).toBe(true);

    seen.length = 0;
    await checkSource(source, { base_url: 'https://two.example.com' });
    await discoverSource(source, { base_url: 'https://three.example.com' });
    expect(seen.filter(({ hook }) => hook === 'check')).toEqual([{ hook: 'check', id: 2 }]);
    expect(seen.filter(({ hook }) => hook === 'streams')).toEqual([
      { hook: 'streams', id: 2 },
      { hook: 'streams', id: 3 },
    ]);
    expect(made()).toBe(3);
  });
});
