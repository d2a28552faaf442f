// The `source-metabase` executable: the Metabase source on the connector CLI (process wiring in runCli).
import { runCli } from '@mb-airbyte/connector-cli';
import { cliVersion } from './version.js';

await runCli({
  name: 'source-metabase',
  version: cliVersion,
  checkTarget: 'against Metabase',
  // Imported lazily: in the built bin the source is compiled only by the commands that need it (tsup.config.ts).
  loadSource: async () => (await import('./source.js')).source,
});
