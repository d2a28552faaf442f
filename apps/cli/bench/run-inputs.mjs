// The files a run needs: the connector's config and catalogs (from the CLI's own `discover`), the floor's plan.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

/**
 * @param {string} dir a scratch folder of this run
 * @param {{ scale: number, url: string, caFile: string, apiKey: string }} sandbox
 * @param {string} cli path of the built source-metabase.js
 */
export function runInputs(dir, sandbox, cli) {
  const prefix = join(dir, `scale-${sandbox.scale}`);
  const config = `${prefix}-config.json`;
  writeFileSync(
    config,
    JSON.stringify({
      instance_api_url: sandbox.url,
      api_key: sandbox.apiKey,
      ca_certificate: readFileSync(sandbox.caFile, 'utf8'),
    }),
  );
  const discovered = `${prefix}-discovered.json`;
  execFileSync(process.execPath, [cli, 'discover', '--config', config, '--write-catalog', discovered], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const all = JSON.parse(readFileSync(discovered, 'utf8')).streams;
  let written = 0;
  return {
    config,
    /** A configured catalog of these streams; `incremental` where a stream supports it and it is asked for. */
    catalog(names, syncMode = 'full_refresh') {
      const streams = names.map((name) => {
        const configured = all.find((s) => s.stream.name === name);
        if (configured === undefined) throw new Error(`discover did not list the stream ${name}`);
        const incremental =
          syncMode === 'incremental' && configured.stream.supported_sync_modes.includes('incremental');
        return incremental
          ? {
              ...configured,
              sync_mode: 'incremental',
              destination_sync_mode: 'append',
              cursor_field: configured.stream.default_cursor_field ?? [],
            }
          : configured;
      });
      const file = `${prefix}-catalog-${++written}.json`;
      writeFileSync(file, JSON.stringify({ streams }));
      return file;
    },
    /** The floor's plan for one workload ('bulk', 'cards' or 'fan-out'). */
    plan(figure) {
      const file = `${prefix}-plan-${figure}.json`;
      writeFileSync(file, JSON.stringify({ url: sandbox.url, caFile: sandbox.caFile, apiKey: sandbox.apiKey, figure }));
      return file;
    },
  };
}
