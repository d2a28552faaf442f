import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { AirbyteMessageSchema, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';

export interface ConnectorRun {
  args: string[];
  exitCode: number;
  elapsedMs: number;
  /** Every stdout line, each parsed with the protocol schema (a line that does not parse fails the run). */
  messages: AirbyteMessage[];
  /** stdout lines that are not protocol messages (should stay empty). */
  badLines: string[];
  stderr: string;
}

export interface SpawnOptions {
  /** The built CLI to run with `node`. */
  cliFile?: string;
  /** Or a program and its first arguments that run the connector (for example `podman run ... <image>`). */
  command?: readonly string[];
  /** Node options before the file (tests preload fault injectors with `--import`). */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called for each message as it arrives, with the raw line (the demo streams them to a file). */
  onMessage?: (message: AirbyteMessage, line: string, atMs: number) => void;
  /** Called once the process started (a test sends it a signal, say). */
  onStart?: (child: ChildProcess) => void;
  /** Keep the parsed messages in `messages` (default true; the demo turns it off at big scale). */
  keepMessages?: boolean;
  timeoutMs?: number;
}

/** Runs the CLI as the platform does (a child process with files for inputs) and parses its stdout line by line. */
export async function spawnConnector(args: string[], options: SpawnOptions): Promise<ConnectorRun> {
  const started = performance.now();
  const [program = process.execPath, ...leading] = options.command ?? [
    process.execPath,
    ...(options.execArgv ?? []),
    cliFileOf(options),
  ];
  const child = spawn(program, [...leading, ...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  options.onStart?.(child);
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 120_000);
  const messages: AirbyteMessage[] = [];
  const badLines: string[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 1_000_000) stderr += chunk;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      resolve(code ?? (signal === null ? 1 : 128));
    });
  });
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    const parsed = parseLine(line);
    if (parsed === undefined) {
      badLines.push(line.slice(0, 500));
      continue;
    }
    options.onMessage?.(parsed, line, performance.now() - started);
    if (options.keepMessages !== false) messages.push(parsed);
  }
  const exitCode = await exited.finally(() => {
    clearTimeout(timer);
  });
  return { args, exitCode, elapsedMs: performance.now() - started, messages, badLines, stderr };
}

function cliFileOf(options: SpawnOptions): string {
  if (options.cliFile === undefined) throw new Error('spawnConnector needs cliFile or command');
  return options.cliFile;
}

function parseLine(line: string): AirbyteMessage | undefined {
  try {
    const result = AirbyteMessageSchema.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
