import { defineConfig } from 'tsup';
import { connectorBinConfig, singleFileConfig } from '@mb-airbyte/connector-cli/bundle';

export default defineConfig([
  // The command: one file that runs with plain `node` and no node_modules beside it, `spec` precomputed.
  connectorBinConfig({ name: 'source-metabase' }),
  {
    // The library entry (`main`, for embedding and in-process use), an ordinary bundle with its types.
    ...singleFileConfig({ index: 'src/index.ts' }),
    // tsup's declaration build sets baseUrl, which TypeScript 6 reports as deprecated.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  },
  {
    // The demo runs from the workspace: the sandbox stays external (it reads its certificates from its package).
    ...singleFileConfig({ demo: 'scripts/demo.ts' }),
    noExternal: [/^(?!@mb-airbyte\/metabase-sandbox)/],
    external: ['@mb-airbyte/metabase-sandbox'],
  },
]);
