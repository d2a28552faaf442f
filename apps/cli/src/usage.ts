import type { CommandName } from './cli-args.js';

const commandLines: Record<CommandName, string> = {
  spec: 'spec                                          print the connector specification',
  check: 'check --config FILE                           test the configuration against Metabase',
  discover: 'discover --config FILE [--write-catalog OUT]  list the streams; OUT gets a catalog to edit',
  read: 'read --config FILE [--catalog FILE] [--state FILE]  read records (no catalog: every stream, full refresh)',
};

/** The help text; `command` narrows it to one command. Ends with a newline. */
export function usageText(command?: CommandName): string {
  const lines = command === undefined ? Object.values(commandLines) : [commandLines[command]];
  return [
    'Usage: source-metabase <command> [options]',
    '',
    'Commands:',
    ...lines.map((line) => `  ${line}`),
    '',
    'Options:',
    '  --debug        also emit DEBUG log messages',
    '  -h, --help     show this help',
    '  -V, --version  print the version',
    '',
    'Protocol messages (one JSON object per line) go to stdout; progress and errors for people go to stderr.',
    '',
  ].join('\n');
}
