// `pnpm demo`: starts the Metabase sandbox, then runs spec, check, discover and read through the built CLI exactly
// as the Airbyte platform would (separate processes, files for config and catalog), saves every message and prints
// a table of streams. Exits non-zero if anything failed. Options: --scale N, --seed N, --out DIR.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox, type Sandbox } from '@mb-airbyte/metabase-sandbox';
import { formatSeconds, formatStreamTable } from '@mb-airbyte/connector-cli';
import { runDemoCommands } from './demo-commands.js';

function readOptions(): { scale: string; seed: string; out: string } {
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift(); // `pnpm run demo -- --scale 10` passes the separator through
  try {
    const options = {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: '.demo' },
    } as const;
    return parseArgs({ args, options }).values;
  } catch (error) {
    console.error(`demo: ${(error as Error).message}\nUsage: demo [--scale N] [--seed N] [--out DIR]`);
    process.exit(2);
  }
}

const values = readOptions();
const outDir = resolve(values.out);
const cliFile = fileURLToPath(new URL('./source-metabase.js', import.meta.url));

async function demo(sandbox: Sandbox): Promise<boolean> {
  await mkdir(outDir, { recursive: true });
  const configFile = resolve(outDir, 'config.json');
  const { username, password } = sandbox.credentials;
  // The sandbox's certificate is signed by its own CA: the config carries it, as it would for a private Metabase.
  const config = { instance_api_url: sandbox.url, username, password, ca_certificate: sandbox.caPem };
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  console.log(`Sandbox: ${sandbox.url} (scale ${values.scale}), config in ${configFile}\n`);
  const messagesFile = resolve(outDir, 'messages.jsonl');
  const messages = createWriteStream(messagesFile);
  const result = await runDemoCommands({
    cliFile,
    configFile,
    catalogFile: resolve(outDir, 'catalog.json'),
    env: process.env,
    onLine: (line) => messages.write(`${line}\n`),
  });
  await new Promise<void>((done) => messages.end(done));
  for (const step of result.steps) {
    console.log(
      `${step.ok ? 'ok  ' : 'FAIL'} ${step.command.padEnd(8)} exit ${step.exitCode}  ${formatSeconds(step.elapsedMs).padStart(7)}  ${step.summary}`,
    );
  }
  console.log(`\n${formatStreamTable(result.streams)}`);
  console.log(`Messages (${result.messageCount} lines): ${messagesFile}`);
  return result.ok;
}

const sandbox = await startSandbox({ scale: Number(values.scale), seed: Number(values.seed) });
const ok = await demo(sandbox).finally(() => sandbox.stop());
if (!ok) {
  console.error('The demo failed: see the lines marked FAIL above.');
  process.exitCode = 1;
}
