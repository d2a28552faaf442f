// The benchmark's Metabase: the built sandbox in a process of its own, so the connector and the floor never share
// a CPU thread with it. Prints one JSON line { url, caFile, apiKey } when it listens, then answers commands on
// stdin, one per line: `stats` prints the request counters as one JSON line, `reset` zeroes them (and prints `{}`).
// It stops when stdin ends. Usage: node sandbox-server.mjs <scale> [latencyMs]; with a latency, every data request
// waits latencyMs x 0.5-1.5 before it is answered (the sandbox's 'slow' profile), as a remote Metabase would.
import process from 'node:process';
import { createInterface } from 'node:readline';
import { startSandbox } from '@mb-airbyte/metabase-sandbox';

const scale = Number(process.argv[2] ?? '1');
const latencyMs = Number(process.argv[3] ?? '0');
const sandbox = await startSandbox({
  scale,
  seed: 1,
  ...(latencyMs > 0 ? { faults: 'slow', slowLatencyMs: latencyMs } : {}),
});
const reply = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
reply({ url: sandbox.url, caFile: sandbox.caFile, apiKey: sandbox.credentials.adminApiKey });

const commands = {
  stats: () => reply(sandbox.stats()),
  reset: () => {
    sandbox.resetStats();
    reply({});
  },
};
for await (const line of createInterface({ input: process.stdin })) {
  const command = commands[line.trim()];
  if (command === undefined) reply({ error: `unknown command ${line.trim()}` });
  else command();
}
await sandbox.stop();
