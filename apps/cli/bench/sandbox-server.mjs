// The benchmark's Metabase: the built sandbox in a process of its own, so the connector and the floor never share
// a CPU thread with it. Prints one JSON line { url, caFile, apiKey } when it listens, then answers commands on
// stdin, one per line: `stats` prints the request counters as one JSON line, `reset` zeroes them (and prints `{}`).
// It stops when stdin ends. Usage: node sandbox-server.mjs <scale>
import process from 'node:process';
import { createInterface } from 'node:readline';
import { startSandbox } from '@mb-airbyte/metabase-sandbox';

const scale = Number(process.argv[2] ?? '1');
const sandbox = await startSandbox({ scale, seed: 1 });
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
