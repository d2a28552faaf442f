// Starts sandbox-server.mjs as a child process and talks to it over its stdin/stdout (one JSON line per answer).
import { spawn } from 'node:child_process';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const server = fileURLToPath(new URL('./sandbox-server.mjs', import.meta.url));

/**
 * @param {number} scale
 * @param {number} [latencyMs] server time added to each data request (0: none)
 * @returns {Promise<{ scale: number, url: string, caFile: string, apiKey: string, pid: number,
 *   stats(): Promise<{ requests: number, requestsByRoute: Record<string, number> }>, reset(): Promise<void>, stop(): Promise<void> }>}
 */
export async function startSandboxProcess(scale, latencyMs = 0) {
  const child = spawn(process.execPath, [server, String(scale), String(latencyMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const nextAnswer = async () => {
    const next = await Promise.race([lines.next(), exited.then(() => ({ done: true }))]);
    if (next.done === true) throw new Error(`the sandbox (scale ${scale}) exited unexpectedly`);
    return JSON.parse(next.value);
  };
  const ask = async (command) => {
    child.stdin.write(`${command}\n`);
    return nextAnswer();
  };
  const info = await nextAnswer();
  return {
    scale,
    latencyMs,
    ...info,
    pid: child.pid,
    stats: () => ask('stats'),
    reset: async () => {
      await ask('reset');
    },
    stop: async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
