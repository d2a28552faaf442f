// Where a read's time goes, for work on the bench's figures: starts the sandbox (in a process of its own, as the bench
// does), then either profiles one read of the built command with `node --cpu-prof` and prints the functions that took
// the most time, or (--passes N) runs N reads one after another in one process and prints each pass's wall and CPU
// time, which tells start-up and JIT warm-up (the first pass) from the steady state (the later ones).
//
// Usage: node apps/cli/bench/profile-read.mjs [--streams fan-out|bulk] [--scale N] [--passes N] [--top N]
// The .cpuprofile is kept (its path is printed) for Chrome DevTools' Performance panel.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { BULK_STREAMS, FAN_OUT_STREAMS } from './figures.mjs';
import { runInputs } from './run-inputs.mjs';
import { startSandboxProcess } from './sandbox-process.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index < 0 ? fallback : args[index + 1];
};
const streams = { 'fan-out': FAN_OUT_STREAMS, bulk: BULK_STREAMS }[option('--streams', 'fan-out')];
if (streams === undefined) throw new Error('--streams takes fan-out or bulk');
const scale = Number(option('--scale', '100'));
const passes = Number(option('--passes', '1'));
const top = Number(option('--top', '30'));
const cli = fileURLToPath(new URL('../dist/source-metabase.js', import.meta.url));
const library = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mb-profile-'));
// As the bench measures: without NODE_EXTRA_CA_CERTS (read at every start), stdout a pipe whose lines are dropped.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

// Runs the command's library entry `passes` times in this one process, stdout into a sink, and reports each pass.
const passesScript = `
import { main, processIo } from ${JSON.stringify(library)};
import { Writable } from 'node:stream';
const [passes, ...argv] = process.argv.slice(1);
const { setFlagsFromString } = await import('node:v8');
setFlagsFromString('--semi-space-growth-factor=1'); // as the bin sets for read (connector-cli's core-v8-flags.ts)
for (let pass = 1; pass <= Number(passes); pass++) {
  const io = { ...processIo(() => () => {}), stdout: new Writable({ write: (chunk, encoding, done) => done() }) };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const code = await main(argv, io);
  const used = process.cpuUsage(cpu);
  process.stderr.write('pass ' + pass + ': exit ' + code + ', ' + Math.round(performance.now() - started) + ' ms, CPU ' + Math.round((used.user + used.system) / 1000) + ' ms\\n');
}
`;

function run(nodeArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'inherit'], env });
    child.stdout.resume();
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`node ${nodeArgs[0]} exited with ${code}`)),
    );
  });
}

/** Self time per function (and the idle, GC and program pseudo-functions), highest first. */
function selfTimes(profile) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const times = new Map();
  profile.samples.forEach((id, index) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const where = url === '' ? '' : ` ${url.replace(/^.*\//, '')}:${lineNumber + 1}`;
    const key = `${functionName || '(anonymous)'}${where}`;
    times.set(key, (times.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return [...times].sort((a, b) => b[1] - a[1]);
}

const sandbox = await startSandboxProcess(scale);
try {
  const inputs = runInputs(dir, sandbox, cli);
  const readArgs = ['read', '--config', inputs.config, '--catalog', inputs.catalog(streams)];
  await sandbox.reset(); // count the read's requests only
  if (passes > 1) {
    await run(['--input-type=module', '-e', passesScript, String(passes), ...readArgs]);
  } else {
    await run(['--cpu-prof', `--cpu-prof-dir=${dir}`, cli, ...readArgs]);
    const file = join(dir, readdirSync(dir).find((name) => name.endsWith('.cpuprofile')) ?? '');
    const times = selfTimes(JSON.parse(readFileSync(file, 'utf8')));
    const total = times.reduce((sum, [, us]) => sum + us, 0);
    const { requests } = await sandbox.stats();
    process.stdout.write(`${file}\n${Math.round(total / 1000)} ms profiled, ${requests} requests\n`);
    for (const [name, us] of times.slice(0, top))
      process.stdout.write(`${(us / 1000).toFixed(1).padStart(8)} ms  ${name}\n`);
  }
} finally {
  await sandbox.stop();
}
