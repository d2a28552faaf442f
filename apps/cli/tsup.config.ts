import { defineConfig, type Options } from 'tsup';
import { embeddedCorePlugin } from './embedded-core-plugin.ts';

// Node's ESM has no `require`; bundled CommonJS modules call it for built-ins.
const requireShim = ["import { createRequire as __createRequire } from 'node:module';", 'const require = __createRequire(import.meta.url);'].join('\n');
const target = 'node20';

const shared: Options = {
  format: ['esm'],
  platform: 'node',
  target,
  outDir: 'dist',
  sourcemap: false,
  splitting: false, // one file per entry: the Docker image keeps dist/source-metabase.js alone
  noExternal: [/.*/],
};

export default defineConfig([
  {
    // The command: one file that runs with plain `node` and no node_modules beside it. A small launcher with the
    // rest of the CLI embedded as text (see embedded-core-plugin.ts) so `spec`, help and version start fast.
    ...shared,
    entry: { 'source-metabase': 'src/bin.ts' },
    banner: { js: `#!/usr/bin/env node\n${requireShim}` },
    esbuildPlugins: [embeddedCorePlugin({ coreEntry: 'src/run-command.ts', target })],
  },
  {
    // The library entry (`main`, for embedding and in-process use), an ordinary bundle with its types.
    ...shared,
    entry: { index: 'src/index.ts' },
    banner: { js: requireShim },
    // tsup's declaration build sets baseUrl, which TypeScript 6 reports as deprecated.
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  },
  {
    // The demo runs from the workspace: the sandbox stays external (it reads its certificates from its package).
    ...shared,
    entry: { demo: 'scripts/demo.ts' },
    noExternal: [/^(?!@mb-airbyte\/metabase-sandbox)/],
    external: ['@mb-airbyte/metabase-sandbox'],
    banner: { js: requireShim },
  },
]);
