import { parseCliArgs } from './cli-args.js';
import type { ConnectorSource } from './connector-source.js';
import { writeText, type CliIo } from './cli-io.js';
import { usageText, type UsageOptions } from './usage.js';

/** Arguments a connector takes before the common command line reads the rest (`--manifest FILE`, say). */
export interface TakenArguments {
  /** The arguments left for the common command line. */
  rest: readonly string[];
  /** Set when the connector's own arguments are wrong: a usage error (exit 2) that says so. */
  problem?: string;
}

/** What a connector's command is: its name and help text, its version and its source. */
export interface MainOptions extends UsageOptions {
  /** What --version prints (the connector's version, also its image tag). */
  version: string;
  /** The source to run; called only by commands that need it, so help, version and a prebuilt spec stay fast. */
  loadSource: () => Promise<ConnectorSource>;
  /** Takes the connector's own arguments out of argv before the common command line parses the rest. */
  takeArguments?: (argv: readonly string[]) => TakenArguments;
}

/**
 * The whole command line: parses argv (without node and the script), runs the command and resolves with the
 * exit code. Never throws and never exits: the bin sets `process.exitCode` after everything is flushed.
 * Help and version are the only text on stdout that is not a protocol message (a person asked for them);
 * usage errors go to stderr with exit code 2, as argparse does in Airbyte's Python CDK.
 */
export async function main(argv: readonly string[], io: CliIo, options: MainOptions): Promise<number> {
  const taken = options.takeArguments?.(argv) ?? { rest: argv };
  if (taken.problem !== undefined) {
    await writeText(io.stderr, `${options.name}: ${taken.problem}\n`).catch(() => undefined);
    return 2;
  }
  return runRequest(taken.rest, io, options);
}

async function runRequest(argv: readonly string[], io: CliIo, options: MainOptions): Promise<number> {
  const request = parseCliArgs(argv);
  try {
    switch (request.kind) {
      case 'help':
        await writeText(io.stdout, usageText(options, request.command));
        return 0;
      case 'version':
        await writeText(io.stdout, `${options.version}\n`);
        return 0;
      case 'usage_error':
        await writeText(io.stderr, `${options.name}: ${request.message}\n\n${usageText(options, request.command)}`);
        return 2;
      default: {
        // Loaded lazily so help, version, usage errors and a prebuilt spec never pay for zod or the kit (in a bin
        // built with the `./bundle` export, run-command is the embedded core).
        if (request.kind === 'spec') {
          const { writePrecomputedSpec } = await import('./spec-command.js');
          const exitCode = await writePrecomputedSpec(io);
          if (exitCode !== undefined) return exitCode;
        }
        const { runCommand } = await import('./run-command.js');
        return await runCommand(request, io, { name: options.name, loadSource: options.loadSource });
      }
    }
  } catch (error) {
    // Only reachable when stdout/stderr themselves fail (EPIPE): nothing useful can be written to stdout.
    io.stderr.write(`${options.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
