// Runs one Node process and measures it from the outside: wall time (spawn to exit), CPU time and peak RSS, with
// its stdout counted (lines and RECORD lines) and thrown away, as a destination would consume it.
//
// Peak RSS and CPU come from /usr/bin/time (GNU time: the kernel's rusage of the finished child, exact) when it is
// installed. Without it, /proc/<pid>/status is polled every 20 ms for VmHWM (the kernel's own high-water mark, so
// only growth in the last 20 ms before exit could be missed) and CPU time is not reported.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

const GNU_TIME = '/usr/bin/time';
const RECORD_START = Buffer.from('{"type":"RECORD"');
const POLL_MS = 20;
/**
 * The environment of every measured process, without NODE_EXTRA_CA_CERTS: Node reads that bundle at every start
 * (about 40 ms on a machine whose bundle is large), and neither the connector nor the floor needs it (both are
 * given the sandbox's CA).
 */
const measuredEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

/** How this machine measures: 'gnu-time' or 'proc-poll'. */
export const memoryMethod = existsSync(GNU_TIME) ? 'gnu-time' : 'proc-poll';

/**
 * @param {string[]} nodeArgs arguments after `node`
 * @param {{ direct?: boolean, timeoutMs?: number }} [options] direct: spawn node itself, not through GNU time (for
 *   start-up times, where its fork and exec would count), with peak RSS polled
 * @returns {Promise<{ seconds: number, cpuSeconds?: number, peakRssMb: number, lines: number, records: number,
 *   exitCode: number | null, stderr: string }>}
 */
export function measureProcess(nodeArgs, options = {}) {
  const timeFile = join(tmpdir(), `mb-bench-time-${process.pid}-${Date.now()}.txt`);
  const timed = memoryMethod === 'gnu-time' && options.direct !== true;
  const [command, args] = timed
    ? [GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: measuredEnv });
  const counter = lineCounter();
  child.stdout.on('data', counter.add);
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  let polledKb = 0;
  const poll = setInterval(() => {
    polledKb = Math.max(polledKb, peakKbOf(child.pid));
  }, POLL_MS);
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => {
      const seconds = (performance.now() - started) / 1000;
      clearInterval(poll);
      clearTimeout(killer);
      const base = { seconds, lines: counter.lines, records: counter.records, exitCode, stderr };
      if (!timed) {
        resolve({ ...base, peakRssMb: polledKb / 1024 });
        return;
      }
      const [user, system, maxKb] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
      rmSync(timeFile, { force: true });
      resolve({ ...base, cpuSeconds: user + system, peakRssMb: maxKb / 1024 });
    });
  });
}

function peakKbOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  } catch {
    return 0; // already gone
  }
}

/** Counts newlines and the lines that start with {"type":"RECORD", across chunk boundaries, without decoding. */
function lineCounter() {
  const marker = RECORD_START;
  const counts = { lines: 0, records: 0 };
  let head = Buffer.alloc(0); // the start of the current line, while it is shorter than the marker
  let deciding = true;
  counts.add = (chunk) => {
    for (let start = 0; ;) {
      const newline = chunk.indexOf(10, start);
      const end = newline < 0 ? chunk.length : newline;
      if (deciding && head.length === 0 && end - start >= marker.length) {
        if (chunk.compare(marker, 0, marker.length, start, start + marker.length) === 0) counts.records++;
        deciding = false;
      } else if (deciding) {
        head = Buffer.concat([head, chunk.subarray(start, Math.min(end, start + marker.length - head.length))]);
        if (head.length === marker.length || newline >= 0) {
          if (head.equals(marker)) counts.records++;
          deciding = false;
        }
      }
      if (newline < 0) return;
      counts.lines++;
      head = Buffer.alloc(0);
      deciding = true;
      start = newline + 1;
    }
  };
  return counts;
}
