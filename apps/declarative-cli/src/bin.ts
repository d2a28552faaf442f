// The `source-declarative-manifest` executable: the only place that touches process.argv, process.exit and stdio.
import { main, processIo } from '@mb-airbyte/source-metabase-cli';
import { loadSource } from './load-source.js';
import { takeManifestArgument } from './manifest-argument.js';
import { commandVersion } from './version.js';

const name = 'source-declarative-manifest';
const usage = {
  name,
  checkTarget: 'against the API the manifest describes',
  extraOptions: ['--manifest FILE  the manifest (YAML or JSON); without it, the config key __injected_declarative_manifest'],
};

const fatal = new Set<(error: unknown) => Promise<void>>();
const onFatal = async (error: unknown): Promise<void> => {
  process.exitCode = 1;
  try {
    if (fatal.size === 0) process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    for (const handler of fatal) await handler(error);
  } finally {
    process.exit(1); // the ERROR trace is flushed; pending sockets or timers must not keep the process alive
  }
};
process.on('uncaughtException', (error) => void onFatal(error));
process.on('unhandledRejection', (reason) => void onFatal(reason));

const { manifestFile, rest, problem } = takeManifestArgument(process.argv.slice(2));
const exitCode =
  problem !== undefined
    ? (process.stderr.write(`${name}: ${problem}\n`), 2)
    : await main(
        rest,
        processIo((handler) => {
          fatal.add(handler);
          return () => fatal.delete(handler);
        }),
        { loadSource: () => loadSource(manifestFile), usage, version: commandVersion },
      );
process.exitCode = exitCode;
// stdout is flushed; should a forgotten socket hold the loop open, leave after a grace period an orderly exit never reaches.
setTimeout(() => process.exit(exitCode), 3_000).unref();
