import type { CommandName } from './cli-args.js';

/** What the help text says about the command: its name, what `check` tests, options beside the common ones. */
export interface UsageOptions {
  name: string;
  /** Ends the check line, e.g. "against the Acme API". */
  checkTarget: string;
  /** Extra lines for the options list, e.g. "--manifest FILE  the manifest to run". */
  extraOptions?: readonly string[];
}

function commandLines(usage: UsageOptions): Record<CommandName, string> {
  return {
    spec: 'spec                                          print the connector specification',
    check: `check --config FILE                           test the configuration ${usage.checkTarget}`,
    discover: 'discover --config FILE [--write-catalog OUT]  list the streams; OUT gets a catalog to edit',
    read: 'read --config FILE [--catalog FILE] [--state FILE]  read records (no catalog: every stream, full refresh)',
  };
}

/** The help text; `command` narrows it to one command. Ends with a newline. */
export function usageText(usage: UsageOptions, command?: CommandName): string {
  const all = commandLines(usage);
  const lines = command === undefined ? Object.values(all) : [all[command]];
  return [
    `Usage: ${usage.name} <command> [options]`,
    '',
    'Commands:',
    ...lines.map((line) => `  ${line}`),
    '',
    'Options:',
    ...(usage.extraOptions ?? []).map((line) => `  ${line}`),
    '  --debug        also emit DEBUG log messages',
    '  -h, --help     show this help',
    '  -V, --version  print the version',
    '',
    'Protocol messages (one JSON object per line) go to stdout; progress and errors for people go to stderr.',
    '',
  ].join('\n');
}
