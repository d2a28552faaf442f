import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

// Node's ESM has no `require`; bundled CommonJS (ajv and its helpers) calls it.
const requireShim = ["import { createRequire as __createRequire } from 'node:module';", 'const require = __createRequire(import.meta.url);'].join('\n');

export default defineConfig({
  // One file that runs with plain `node` and no node_modules beside it.
  entry: { 'source-declarative-manifest': 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  sourcemap: false,
  splitting: false,
  noExternal: [/.*/],
  banner: { js: `#!/usr/bin/env node\n${requireShim}` },
  esbuildOptions(options) {
    // The CLI machinery from its sources, so the bundle holds one copy of the kit, shared with the manifest runtime.
    options.alias = { '@mb-airbyte/source-metabase-cli': fileURLToPath(new URL('../cli/src/index.ts', import.meta.url)) };
  },
});
