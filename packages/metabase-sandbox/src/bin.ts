#!/usr/bin/env node
// `pnpm sandbox` / `node dist/bin.js`: start a sandbox, print how to reach it, run until SIGINT/SIGTERM.
// This is a developer tool: it prints test-only credentials on purpose.
import { parseCliArgs } from './parse-cli-args.js';
import { startSandbox } from './start-sandbox.js';

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const sandbox = await startSandbox(options);
  const { credentials: c } = sandbox;
  process.stdout.write([
    `Metabase sandbox (0.50 API) seed=${options.seed ?? 1} scale=${options.scale ?? 1} shape=${options.shape ?? 'realistic'} faults=${options.faults ?? 'none'}`,
    `URL:       ${sandbox.url}`,
    `CA file:   ${sandbox.caFile}`,
    `Admin:     ${c.username} / ${c.password}`,
    `User:      ${c.userUsername} / ${c.userPassword}`,
    `Admin key: ${c.adminApiKey}`,
    `User key:  ${c.userApiKey}`,
    `Try: curl --cacert ${sandbox.caFile} -H 'X-API-Key: ${c.adminApiKey}' ${sandbox.url}user/current`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'));
  const stop = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
