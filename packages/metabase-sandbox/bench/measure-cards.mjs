// Measures GET /api/card at a given scale against the built sandbox running in its own process:
// body bytes, card count, time to first byte, total seconds, and the sandbox's RSS (current and peak).
// Usage (after `pnpm turbo run build --filter=@mb-airbyte/metabase-sandbox`):
//   node bench/measure-cards.mjs [--scale 1000] [--runs 3]
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const scale = flag('--scale', 1000);
const runs = flag('--runs', 3);
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

function startChild() {
  const child = spawn(process.execPath, [bin, '--scale', String(scale)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /URL:\s+(\S+)/.exec(out)?.[1];
      const caFile = /CA file:\s+(\S+)/.exec(out)?.[1];
      const key = /Admin key:\s+(\S+)/.exec(out)?.[1];
      if (url && caFile && key) resolve({ child, url, ca: readFileSync(caFile, 'utf8'), key });
    });
  });
}

function fetchCards({ url, ca, key }) {
  const marker = '"metabase_version":"';
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    let firstByte;
    let bytes = 0;
    let cards = 0;
    let tail = '';
    let last = '';
    const req = request(new URL('card', url), { ca, headers: { 'X-API-Key': key }, agent: false }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        firstByte ??= process.hrtime.bigint();
        bytes += Buffer.byteLength(chunk);
        const text = tail + chunk;
        for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) cards++;
        tail = text.slice(-(marker.length - 1));
        last = chunk.slice(-1);
      });
      res.on('end', () => {
        const done = process.hrtime.bigint();
        resolve({
          status: res.statusCode,
          bytes,
          cards,
          endsWith: last,
          ttfbMs: Number(firstByte - started) / 1e6,
          seconds: Number(done - started) / 1e9,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Reads one chunk, then stops reading for `ms`: with back-pressure the sandbox must wait, not buffer. */
function pausedReader({ url, ca, key }, pid, ms) {
  return new Promise((resolve, reject) => {
    const req = request(new URL('card', url), { ca, headers: { 'X-API-Key': key }, agent: false }, (res) => {
      res.once('data', () => {
        res.pause();
        setTimeout(() => {
          const memory = memoryOf(pid);
          req.destroy();
          resolve(memory);
        }, ms);
      });
    });
    req.on('error', (error) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}

const sandbox = await startChild();
try {
  const before = memoryOf(sandbox.child.pid);
  const results = [];
  for (let run = 1; run <= runs; run++)
    results.push({ run, ...(await fetchCards(sandbox)), ...memoryOf(sandbox.child.pid) });
  const fmt = (n, d = 2) => n.toFixed(d);
  process.stdout.write(`scale ${scale}: sandbox RSS before requests ${fmt(before.rssMb, 1)} MB\n`);
  for (const r of results) {
    process.stdout.write(
      `run ${r.run}: status ${r.status}, ${r.cards} cards, ${r.bytes} bytes (${fmt(r.bytes / 1e6, 1)} MB), ` +
        `ttfb ${fmt(r.ttfbMs, 0)} ms, total ${fmt(r.seconds)} s, ${fmt(r.bytes / 1e6 / r.seconds, 1)} MB/s, ` +
        `sandbox RSS ${fmt(r.rssMb, 1)} MB (peak ${fmt(r.peakRssMb, 1)} MB), ends with '${r.endsWith}'\n`,
    );
  }
  const paused = await pausedReader(sandbox, sandbox.child.pid, 2000);
  process.stdout.write(`client paused 2 s after the first chunk: sandbox RSS ${fmt(paused.rssMb, 1)} MB\n`);
} finally {
  sandbox.child.kill('SIGTERM');
}
