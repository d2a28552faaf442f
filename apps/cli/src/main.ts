import { parseCliArgs } from './cli-args.js';
import type { ConnectorSource } from './connector-source.js';
import { writeText, type CliIo } from './cli-io.js';
import { metabaseUsage, usageText, type UsageOptions } from './usage.js';
import { cliVersion } from './version.js';

export interface MainOptions {
  /** The source to run; loaded only by commands that need it. Defaults to the Metabase source. */
  loadSource?: () => Promise<ConnectorSource>;
  /** The command's name and help text (default: source-metabase's). */
  usage?: UsageOptions;
  /** What --version prints (default: source-metabase's version). */
  version?: string;
}

/**
 * The whole command line: parses argv (without node and the script), runs the command and resolves with the
 * exit code. Never throws and never exits: the bin sets `process.exitCode` after everything is flushed.
 * Help and version are the only text on stdout that is not a protocol message (a person asked for them);
 * usage errors go to stderr with exit code 2, as argparse does in Airbyte's Python CDK.
 */
export async function main(argv: readonly string[], io: CliIo, options: MainOptions = {}): Promise<number> {
  const request = parseCliArgs(argv);
  const usage = options.usage ?? metabaseUsage;
  try {
    switch (request.kind) {
      case 'help':
        await writeText(io.stdout, usageText(request.command, usage));
        return 0;
      case 'version':
        await writeText(io.stdout, `${options.version ?? cliVersion}\n`);
        return 0;
      case 'usage_error':
        await writeText(io.stderr, `${usage.name}: ${request.message}\n\n${usageText(request.command, usage)}`);
        return 2;
      default: {
        // Loaded lazily so help, version, usage errors and spec never pay for zod or the kit (in the bin,
        // run-command is the embedded core: see tsup.config.ts).
        if (request.kind === 'spec' && options.loadSource === undefined) {
          const { runBuiltInSpec } = await import('./spec-command.js');
          return await runBuiltInSpec(io, request.debug);
        }
        const { runCommand } = await import('./run-command.js');
        return await runCommand(request, io, options.loadSource);
      }
    }
  } catch (error) {
    // Only reachable when stdout/stderr themselves fail (EPIPE): nothing useful can be written to stdout.
    io.stderr.write(`${usage.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
