import { defineConfig } from 'tsup';
import { connectorBinConfig } from '@mb-airbyte/connector-cli/bundle';

// One file that runs with plain `node` and no node_modules beside it. The source is the manifest given at run time,
// so nothing is precomputed: `spec` asks it.
export default defineConfig(connectorBinConfig({ name: 'source-declarative-manifest', source: false }));
