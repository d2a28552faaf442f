#!/usr/bin/env node
// `pnpm sandbox` / `node dist/bin.js`: start a sandbox, print how to reach it, run until SIGINT/SIGTERM.
// This is a developer tool: it prints test-only credentials on purpose.
import { versionRules } from './data/versions.js';
import { parseCliArgs } from './parse-cli-args.js';
import { startSandbox } from './start-sandbox.js';

async function main(): Promise<void> {
  const options = parseCliArgs(process.argv.slice(2));
  const sandbox = await startSandbox(options);
  const { credentials: c } = sandbox;
  const mode = [
    `app-db=${options.appDb ?? 'unset'}`,
    ...(options.passwordLogin === false ? ['sso-only'] : []),
    ...(options.precisionProbe === true ? ['precision-probe'] : []),
  ].join(' ');
  process.stdout.write(
    [
      `Metabase sandbox (${sandbox.versionTag} API${options.version === undefined ? ', tidy data' : ''}) seed=${options.seed ?? 1} scale=${options.scale ?? 1} shape=${options.shape ?? 'realistic'} faults=${options.faults ?? 'none'} ${mode}`,
      `URL:       ${sandbox.url}`,
      `CA file:   ${sandbox.caFile}`,
      `Admin:     ${c.username} / ${c.password}`,
      `User:      ${c.userUsername} / ${c.userPassword}`,
      `Admin key: ${c.adminApiKey}`,
      `User key:  ${c.userApiKey}`,
      ...(c.groupManagerUsername === undefined
        ? []
        : [`Group manager: ${c.groupManagerUsername} / ${c.groupManagerPassword ?? ''}`]),
      versionRules(options.version ?? '0.50').apiKeys
        ? `Try: curl --cacert ${sandbox.caFile} -H 'X-API-Key: ${c.adminApiKey}' ${sandbox.url}user/current`
        : `API keys need Metabase 0.49: this version answers them 401. Log in with POST ${sandbox.url}session instead.`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
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
