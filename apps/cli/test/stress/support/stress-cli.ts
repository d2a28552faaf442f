import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import { spawnConnector, type ConnectorRun } from '@mb-airbyte/connector-cli/testing';
import { configuredCatalog } from './messages.js';
import { findLeaks, type NamedSecret } from './secret-leaks.js';

/** The bundle `pnpm build` writes: the stress suites run the CLI exactly as shipped. */
export const bundleFile = fileURLToPath(new URL('../../../dist/source-metabase.js', import.meta.url));

export interface StressRun extends ConnectorRun {
  /** stdout exactly as written, line by line. */
  lines: string[];
  /** The CLI's peak resident set size in MiB (the kernel's high-water mark), when `measureMemory` was set. */
  peakRssMb?: number;
}

/** Preloaded to write the process's own peak RSS at exit (see report-peak-rss.mjs). */
const peakRssReporter = fileURLToPath(new URL('./report-peak-rss.mjs', import.meta.url));

export interface RunOptions {
  /** Secrets that must not appear on stdout or stderr in any form (checked on every run). */
  secrets?: readonly NamedSecret[];
  /** Run-time secrets, read after the run (the session ids a front saw Metabase hand out). */
  issuedTokens?: () => readonly string[];
  /** Extra environment (the child gets PATH and this only). */
  env?: NodeJS.ProcessEnv;
  /** Measure the CLI's peak resident set size (`peakRssMb` in the result). */
  measureMemory?: boolean;
  timeoutMs?: number;
  /** Each message as it arrives, with the time since the spawn. */
  onMessage?: (message: AirbyteMessage, atMs: number) => void;
}

export interface Invocation extends RunOptions {
  command: 'spec' | 'check' | 'discover' | 'read';
  /** Written to a file of its own (JSON, or a string as is) and passed with --config; omit for no --config. */
  config?: unknown;
  /** Stream names (a full-refresh catalog) or a catalog value, for --catalog. */
  catalog?: unknown;
  /** For --state. */
  state?: unknown;
  /** Appended to the command line (e.g. --debug). */
  extraArgs?: string[];
}

export interface StressCli {
  /** Writes `value` as JSON (or a string as is) into the run folder under a fresh name; returns the path. */
  file(name: string, value: unknown): Promise<string>;
  run(args: string[], options?: RunOptions): Promise<StressRun>;
  /** Writes the input files, then runs the command with them. */
  invoke(invocation: Invocation): Promise<StressRun>;
  close(): Promise<void>;
}

/**
 * Runs the built CLI as the platform does: a child process, files for config/catalog/state, nothing in the
 * environment but PATH (no NODE_EXTRA_CA_CERTS: the CA travels in the config). Every run is checked for what must
 * hold whatever the scenario: stdout carries protocol messages only, stderr holds no stack trace, and no secret
 * (configured or issued at run time) appears in either, raw or encoded.
 */
export async function createStressCli(): Promise<StressCli> {
  if (!existsSync(bundleFile))
    throw new Error(
      `${bundleFile} is missing: build the CLI first (pnpm turbo run build --filter=@mb-airbyte/source-metabase-cli)`,
    );
  const dir = await mkdtemp(join(tmpdir(), 'source-metabase-stress-'));
  let files = 0;
  const file = async (name: string, value: unknown): Promise<string> => {
    const path = join(dir, `${++files}-${name}`);
    await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };
  const cli: StressCli = {
    file,
    async invoke({ command, config, catalog, state, extraArgs = [], ...options }) {
      const args: string[] = [command];
      if (config !== undefined) args.push('--config', await file('config.json', config));
      if (catalog !== undefined) {
        const value =
          Array.isArray(catalog) && catalog.every((s) => typeof s === 'string') ? configuredCatalog(catalog) : catalog;
        args.push('--catalog', await file('catalog.json', value));
      }
      if (state !== undefined) args.push('--state', await file('state.json', state));
      return cli.run([...args, ...extraArgs], options);
    },
    async run(args, options = {}) {
      const lines: string[] = [];
      const rssFile = options.measureMemory === true ? join(dir, `${++files}-peak-rss.txt`) : undefined;
      const run = await spawnConnector(args, {
        cliFile: bundleFile,
        cwd: dir,
        ...(rssFile === undefined ? {} : { execArgv: ['--import', peakRssReporter] }),
        env: {
          PATH: process.env.PATH ?? '',
          ...options.env,
          ...(rssFile === undefined ? {} : { PEAK_RSS_FILE: rssFile }),
        },
        timeoutMs: options.timeoutMs ?? 120_000,
        onMessage: (message, line, atMs) => {
          lines.push(line);
          options.onMessage?.(message, atMs);
        },
      });
      const where = `source-metabase ${args.join(' ')}`;
      expect(run.badLines, `${where}: stdout lines that are not protocol messages`).toEqual([]);
      expect(run.stderr, `${where}: stderr`).not.toMatch(/\n\s+at .+:\d+:\d+/);
      const secrets = [
        ...(options.secrets ?? []),
        ...(options.issuedTokens?.() ?? []).map((value, i) => ({
          name: `session id issued at run time #${i + 1}`,
          value,
        })),
      ];
      expect(findLeaks(`${lines.join('\n')}\n${run.stderr}`, secrets), `${where}: secrets on stdout/stderr`).toEqual(
        [],
      );
      const peakRssMb = rssFile === undefined ? undefined : Number(await readFile(rssFile, 'utf8')) / 1024;
      return { ...run, lines, ...(peakRssMb === undefined ? {} : { peakRssMb }) };
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
  return cli;
}
