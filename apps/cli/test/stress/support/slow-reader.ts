import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SlowReadOptions {
  cliFile: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How long nothing is read at first: the pipe fills and the CLI must wait. */
  initialPauseMs: number;
  /** Then a pause of `pauseMs` after every `pauseEveryBytes` read. */
  pauseEveryBytes: number;
  pauseMs: number;
  onLine: (line: string) => void;
  timeoutMs: number;
  /** Sends the child a signal once this many stdout bytes were read, or this long after it started. */
  sendSignal?: { signal: NodeJS.Signals } & ({ afterBytes: number } | { afterMs: number });
  /** Called at the spawn with a function that sends the child a signal (noted in `signalledAtMs`), for other triggers. */
  onSpawn?: (sendSignal: (signal: NodeJS.Signals) => void) => void;
}

export interface SlowReadResult {
  exitCode: number;
  stdoutBytes: number;
  /** Highest VmRSS of the CLI process seen, in bytes, and how many samples were taken. */
  peakRssBytes: number;
  rssSamples: number;
  /** stdout did not end with a newline: the last line was cut. */
  unterminatedTail: string;
  stderr: string;
  /** With `sendSignal`: when it was sent and when the child was gone, in ms since the spawn. */
  signalledAtMs?: number;
  exitedAtMs: number;
}

/**
 * Runs the CLI with its stdout read by a deliberately slow consumer (a destination that cannot keep up) while
 * sampling the child's resident memory from /proc. spawnConnector reads as fast as it can and does not expose the
 * child, so this one case has its own spawn.
 */
export async function readSlowly(args: string[], options: SlowReadOptions): Promise<SlowReadResult> {
  const startedAt = performance.now();
  const child = spawn(process.execPath, [options.cliFile, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let signalledAtMs: number | undefined;
  const sendSignal = (name: NodeJS.Signals): void => {
    if (signalledAtMs !== undefined) return;
    signalledAtMs = performance.now() - startedAt;
    child.kill(name);
  };
  const planned = options.sendSignal;
  const signalTimer =
    planned !== undefined && 'afterMs' in planned
      ? setTimeout(() => {
          sendSignal(planned.signal);
        }, planned.afterMs)
      : undefined;
  options.onSpawn?.(sendSignal);
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  let peakRssBytes = 0;
  let rssSamples = 0;
  const sampler = setInterval(() => {
    const rss = vmRssBytes(child.pid);
    if (rss === undefined) return;
    rssSamples++;
    peakRssBytes = Math.max(peakRssBytes, rss);
  }, 20);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 100_000) stderr += chunk;
  });
  let exitedAtMs = 0;
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => {
      exitedAtMs = performance.now() - startedAt;
    });
    child.once('close', (code) => {
      resolve(code ?? 128);
    });
  });
  child.stdout.pause();
  await sleep(options.initialPauseMs);
  let stdoutBytes = 0;
  let sincePause = 0;
  let tail = '';
  for await (const chunk of child.stdout.setEncoding('utf8') as AsyncIterable<string>) {
    stdoutBytes += Buffer.byteLength(chunk);
    if (planned !== undefined && 'afterBytes' in planned && stdoutBytes >= planned.afterBytes)
      sendSignal(planned.signal);
    const parts = (tail + chunk).split('\n');
    tail = parts.pop() ?? '';
    for (const line of parts) options.onLine(line);
    sincePause += chunk.length;
    if (sincePause >= options.pauseEveryBytes) {
      sincePause = 0;
      await sleep(options.pauseMs);
    }
  }
  const exitCode = await exited.finally(() => {
    clearTimeout(killer);
    clearTimeout(signalTimer);
    clearInterval(sampler);
  });
  return {
    exitCode,
    stdoutBytes,
    peakRssBytes,
    rssSamples,
    unterminatedTail: tail,
    stderr,
    exitedAtMs,
    ...(signalledAtMs === undefined ? {} : { signalledAtMs }),
  };
}

function vmRssBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined; // the process has exited
  }
}
