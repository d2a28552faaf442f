// The build of a connector's bin: tsup options for one file that runs with plain `node`, no node_modules beside it.
import type { Options } from 'tsup';
import { embeddedCorePlugin } from './embedded-core-plugin.js';

export { CORE_WRAPPER, embeddedCoreCodeCache, embeddedCoreText } from './embedded-core-text.js';

/** Node's ESM has no `require`; bundled CommonJS modules call it for built-ins. */
const requireShim = [
  "import { createRequire as __createRequire } from 'node:module';",
  'const require = __createRequire(import.meta.url);',
].join('\n');

const target = 'node20';

/** One self-contained ESM file per entry (everything bundled in), for Node 20: for entries beside the bin. */
export function singleFileConfig(entry: Record<string, string>, outDir = 'dist'): Options {
  return {
    entry,
    format: ['esm'],
    platform: 'node',
    target,
    outDir,
    sourcemap: false,
    splitting: false, // one file per entry: the image keeps dist/<name>.js alone
    noExternal: [/.*/],
    banner: { js: requireShim },
  };
}

export interface ConnectorBinOptions {
  /** The command's name: the bin is written to `<outDir>/<name>.js` (the image's entrypoint runs it). */
  name: string;
  /** The bin's source, which calls `runCli` (default `src/bin.ts`). */
  bin?: string;
  /**
   * The module that exports the connector's source (default `src/source.ts`). The bin must import it lazily, in
   * `loadSource: async () => (await import('./source.js')).source`: it is carried as text and compiled only by the
   * commands that need it. `false` for a bin whose source is only known at run time (a manifest runner): a plain
   * single file, whose `spec` asks the source.
   */
  source?: string | false;
  /** The export of that module that is the source (default `source`). */
  sourceExport?: string;
  outDir?: string;
}

/**
 * tsup options for a connector's bin: a small launcher (argument parsing, help, version and the SPEC line computed
 * at build time) with the runner and the source embedded as text, compiled only by check, discover and read.
 */
export function connectorBinConfig(options: ConnectorBinOptions): Options {
  const single = singleFileConfig({ [options.name]: options.bin ?? 'src/bin.ts' }, options.outDir);
  const banner = { js: `#!/usr/bin/env node\n${requireShim}` };
  if (options.source === false) return { ...single, banner };
  const sourceFile = options.source ?? 'src/source.ts';
  return {
    ...single,
    banner,
    esbuildPlugins: [
      embeddedCorePlugin({ name: options.name, sourceFile, sourceExport: options.sourceExport ?? 'source', target }),
    ],
  };
}
