import { parseArgs } from 'node:util';

/** The Airbyte commands, in the order the usage text lists them. */
export const commandNames = ['spec', 'check', 'discover', 'read'] as const;
export type CommandName = (typeof commandNames)[number];

/** What the command line asks for, after parsing; no file has been touched yet. */
export type CliRequest =
  | { kind: 'help'; command?: CommandName }
  | { kind: 'version' }
  | { kind: 'spec'; debug: boolean }
  | { kind: 'check'; config: string; debug: boolean }
  | { kind: 'discover'; config: string; writeCatalog?: string; debug: boolean }
  | { kind: 'read'; config: string; catalog?: string; state?: string; debug: boolean }
  | { kind: 'usage_error'; message: string; command?: CommandName };

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

// Every command takes --help and --debug (the Python CDK accepts --debug everywhere).
const common: OptionSpec = { help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } };
const optionsByCommand: Record<CommandName, OptionSpec> = {
  spec: common,
  check: { ...common, config: { type: 'string' } },
  discover: { ...common, config: { type: 'string' }, 'write-catalog': { type: 'string' } },
  read: { ...common, config: { type: 'string' }, catalog: { type: 'string' }, state: { type: 'string' } },
};

function isCommandName(value: string): value is CommandName {
  return (commandNames as readonly string[]).includes(value);
}

/** Parses argv (without node and the script path). Never throws: problems become `usage_error`. */
export function parseCliArgs(argv: readonly string[]): CliRequest {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    return topic !== undefined && isCommandName(topic) ? { kind: 'help', command: topic } : { kind: 'help' };
  }
  if (first === '--version' || first === '-V' || first === 'version') return { kind: 'version' };
  if (!isCommandName(first)) {
    const what = first.startsWith('-') ? `unknown option "${first}"` : `unknown command "${first}"`;
    return { kind: 'usage_error', message: what };
  }
  return parseCommand(first, rest);
}

function parseCommand(command: CommandName, args: readonly string[]): CliRequest {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: optionsByCommand[command],
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { kind: 'usage_error', command, message: describeParseError(error) };
  }
  if (values.help === true) return { kind: 'help', command };
  const debug = values.debug === true;
  if (command === 'spec') return { kind: 'spec', debug };
  const config = values.config;
  if (typeof config !== 'string' || config === '') {
    return { kind: 'usage_error', command, message: `${command} needs --config FILE` };
  }
  if (command === 'check') return { kind: 'check', config, debug };
  if (command === 'discover')
    return { kind: 'discover', config, debug, ...optional('writeCatalog', values['write-catalog']) };
  return { kind: 'read', config, debug, ...optional('catalog', values.catalog), ...optional('state', values.state) };
}

function optional<K extends string>(key: K, value: string | boolean | undefined): Partial<Record<K, string>> {
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}

// node:util's messages are good but mention internals ("Use `--` ..."); keep the first sentence.
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('. ')[0] ?? message;
  const plain = first.replace(/^Option '(\S+) <value>' argument missing$/, 'option $1 needs a value');
  return plain.charAt(0).toLowerCase() + plain.slice(1);
}

/** The requests that run a protocol command (the rest print help, a version or a usage error). */
export type CommandRequest = Extract<CliRequest, { kind: 'spec' | 'check' | 'discover' | 'read' }>;
