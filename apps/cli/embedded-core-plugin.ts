// Build-time plugin for the bin (dist/source-metabase.js), so that `spec` starts in about the time of bare `node`.
//
// Measured here: Node spends ~40-60 ms parsing and compiling a 1.3 MB bundle (zod, the kit) even when the
// code is behind a lazy `import()`, but only ~1 ms scanning the same text inside a string literal. So the bin is a
// small launcher (argument parsing, help, version, spec) that carries the rest of the CLI, the "core"
// (src/run-command.ts and everything it imports, bundled as CommonJS), as a string, compiled with `vm` only by
// commands that need it. The SPEC line is computed once here, from the built core, so `spec` needs no core at all.
import { Writable } from 'node:stream';
import { runInThisContext } from 'node:vm';
import { createRequire } from 'node:module';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];
type PluginBuild = Parameters<EsbuildPlugin['setup']>[0];
type CoreModule = { runCommand: (request: { kind: 'spec'; debug: boolean }, io: { stdout: Writable; stderr: Writable }) => Promise<number> };

const coreFilename = 'source-metabase.js/core';
const wrapperStart = '(function (exports, require, module) {';

export function embeddedCorePlugin(options: { coreEntry: string; target: string }): EsbuildPlugin {
  return {
    name: 'embedded-core',
    setup(build) {
      let core: Promise<string> | undefined;
      const coreSource = (): Promise<string> => (core ??= bundleCore(build, options));
      build.onResolve({ filter: /^\.\/(run-command|precomputed-spec)\.js$/ }, (args) => ({
        path: args.path.slice(2, -3),
        namespace: 'embedded-core',
      }));
      build.onLoad({ filter: /.*/, namespace: 'embedded-core' }, async (args) => {
        const source = await coreSource();
        if (args.path === 'precomputed-spec') {
          return { contents: `export const precomputedSpecLine = ${JSON.stringify(await specLine(source))};`, loader: 'js' };
        }
        return { contents: coreLoader(source), loader: 'js' };
      });
    },
  };
}

async function bundleCore(build: PluginBuild, options: { coreEntry: string; target: string }): Promise<string> {
  const result = await build.esbuild.build({
    entryPoints: [options.coreEntry],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: options.target,
    write: false,
    logLevel: 'warning',
    legalComments: 'none',
    // Smaller text to read and scan at every start; names stay, so stack traces still say where.
    minifyWhitespace: true,
    minifySyntax: true,
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('embedded-core: the core bundle produced no output');
  return file.text;
}

/** The module that replaces `./run-command.js` in the launcher: compiles the core on first use. */
function coreLoader(source: string): string {
  return [
    "import { createRequire } from 'node:module';",
    "import { runInThisContext } from 'node:vm';",
    `const coreSource = ${JSON.stringify(source)};`,
    'const coreModule = { exports: {} };',
    `runInThisContext(${JSON.stringify(wrapperStart)} + coreSource + '\\n})', { filename: ${JSON.stringify(coreFilename)} })(coreModule.exports, createRequire(import.meta.url), coreModule);`,
    'export const runCommand = coreModule.exports.runCommand;',
  ].join('\n');
}

/** Runs the core's `spec` once, at build time, and returns the one line it printed. */
async function specLine(source: string): Promise<string> {
  const module = { exports: {} as CoreModule };
  const wrapper = runInThisContext(`${wrapperStart}${source}\n})`, { filename: coreFilename }) as (e: unknown, r: NodeJS.Require, m: unknown) => void;
  wrapper(module.exports, createRequire(import.meta.url), module);
  let stdout = '';
  let stderr = '';
  const collect = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString('utf8'));
        done();
      },
    });
  const exitCode = await module.exports.runCommand({ kind: 'spec', debug: false }, { stdout: collect((t) => (stdout += t)), stderr: collect((t) => (stderr += t)) });
  const lines = stdout.split('\n').filter((line) => line !== '');
  const line = lines[0];
  if (exitCode !== 0 || lines.length !== 1 || line === undefined || !line.startsWith('{"type":"SPEC"')) {
    throw new Error(`embedded-core: spec at build time failed (exit ${exitCode}): ${stdout.slice(0, 300)} ${stderr.slice(0, 300)}`);
  }
  return line;
}
