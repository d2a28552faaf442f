// Runs the built command in a process of its own, as the platform does, and parses every stdout line.
import { spawn } from 'node:child_process';
import { AirbyteMessageSchema, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';

export interface CommandRun {
  exitCode: number | null;
  messages: AirbyteMessage[];
  /** stdout lines that are not protocol messages (must stay empty). */
  badLines: string[];
  stderr: string;
}

export function runCommand(
  bin: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 60_000,
): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${bin} ${args.join(' ')} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const messages: AirbyteMessage[] = [];
      const badLines: string[] = [];
      for (const line of stdout.split('\n')) {
        if (line === '') continue;
        try {
          const parsed = AirbyteMessageSchema.safeParse(JSON.parse(line));
          if (parsed.success) messages.push(parsed.data);
          else badLines.push(line);
        } catch {
          badLines.push(line);
        }
      }
      resolve({ exitCode, messages, badLines, stderr });
    });
  });
}

export const recordsOf = (run: CommandRun, stream: string): Record<string, unknown>[] =>
  run.messages.flatMap((m) => (m.type === 'RECORD' && m.record.stream === stream ? [m.record.data] : []));

export const errorsOf = (run: CommandRun): { message: string; failure_type?: string | null }[] =>
  run.messages.flatMap((m) => (m.type === 'TRACE' && m.trace.type === 'ERROR' ? [m.trace.error] : []));
