// The `source-metabase` command as a library: `main` runs it in-process, with the Metabase source by default.
import { main as connectorMain, type CliIo, type ConnectorSource, type UsageOptions } from '@mb-airbyte/connector-cli';
import { cliVersion } from './version.js';

export interface MainOptions {
  /** The source to run; loaded only by commands that need it. Defaults to the Metabase source. */
  loadSource?: () => Promise<ConnectorSource>;
  /** The command's name and help text (default: source-metabase's). */
  usage?: UsageOptions;
  /** What --version prints (default: source-metabase's version). */
  version?: string;
}

const metabaseUsage: UsageOptions = { name: 'source-metabase', checkTarget: 'against Metabase' };

async function loadMetabaseSource(): Promise<ConnectorSource> {
  return (await import('./source.js')).source;
}

/**
 * The whole `source-metabase` command line in-process (argv without node and the script): resolves with the exit
 * code, never exits. The connector CLI's `main` with the Metabase source, name and version as defaults.
 */
export function main(argv: readonly string[], io: CliIo, options: MainOptions = {}): Promise<number> {
  return connectorMain(argv, io, {
    ...(options.usage ?? metabaseUsage),
    version: options.version ?? cliVersion,
    loadSource: options.loadSource ?? loadMetabaseSource,
  });
}

export { cliVersion };
export { processIo, CANCEL_SIGNALS, parseCliArgs, commandNames } from '@mb-airbyte/connector-cli';
export type {
  ConnectorSource,
  CliIo,
  CancelSignal,
  CliRequest,
  CommandName,
  UsageOptions,
} from '@mb-airbyte/connector-cli';
