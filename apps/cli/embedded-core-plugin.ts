// Build-time plugin for the bin (dist/source-metabase.js), so that `spec` starts in about the time of bare `node`.
//
// Measured here: Node spends ~40-60 ms parsing and compiling a 1.3 MB bundle (zod, axios, the kit) even when the
// code is behind a lazy `import()`, but only ~1 ms scanning the same text inside a string literal. So the bin is a
// small launcher (argument parsing, help, version, spec) that carries the rest of the CLI, the "core"
// (src/run-command.ts and everything it imports, bundled as CommonJS), as a string, compiled with `vm` only by
// commands that need it. The SPEC line is computed once here, from the built core, so `spec` needs no core at all.
// The core also carries V8's code cache for itself, made here after that `spec` ran (so it holds the functions start-up
// compiles): `read` then skips ~18 ms of compiling. V8 checks the cache against its version and flags and refuses a
// foreign one (`cachedDataRejected`); the source is then compiled as before, so a cache can cost time, never behaviour.
import { Writable } from 'node:stream';
import { Script } from 'node:vm';
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
      let core: Promise<BuiltCore> | undefined;
      const builtCore = (): Promise<BuiltCore> => (core ??= bundleCore(build, options).then(prepareCore));
      build.onResolve({ filter: /^\.\/(run-command|precomputed-spec)\.js$/ }, (args) => ({
        path: args.path.slice(2, -3),
        namespace: 'embedded-core',
      }));
      build.onLoad({ filter: /.*/, namespace: 'embedded-core' }, async (args) => {
        const built = await builtCore();
        if (args.path === 'precomputed-spec') {
          return { contents: `export const precomputedSpecLine = ${JSON.stringify(built.specLine)};`, loader: 'js' };
        }
        return { contents: coreLoader(built), loader: 'js' };
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

interface BuiltCore {
  source: string;
  specLine: string;
  /** V8's code cache of the wrapped source, base64. */
  codeCache: string;
}

type CoreWrapper = (e: unknown, r: NodeJS.Require, m: unknown) => void;

/** The module that replaces `./run-command.js` in the launcher: compiles the core on first use, with its code cache. */
function coreLoader(built: BuiltCore): string {
  return [
    "import { createRequire } from 'node:module';",
    "import { Script } from 'node:vm';",
    `const coreSource = ${JSON.stringify(built.source)};`,
    `const coreCodeCache = ${JSON.stringify(built.codeCache)};`,
    'const coreModule = { exports: {} };',
    `const coreScript = new Script(${JSON.stringify(wrapperStart)} + coreSource + '\\n})', { filename: ${JSON.stringify(coreFilename)}, cachedData: Buffer.from(coreCodeCache, 'base64') });`,
    'coreScript.runInThisContext()(coreModule.exports, createRequire(import.meta.url), coreModule);',
    'export const runCommand = coreModule.exports.runCommand;',
  ].join('\n');
}

/** Runs the core's `spec` once at build time, then takes the code cache (now holding what start-up compiled). */
async function prepareCore(source: string): Promise<BuiltCore> {
  const script = new Script(`${wrapperStart}${source}\n})`, { filename: coreFilename });
  const line = await specLine(script.runInThisContext() as CoreWrapper);
  return { source, specLine: line, codeCache: script.createCachedData().toString('base64') };
}

/** Runs the core's `spec` and returns the one line it printed. */
async function specLine(wrapper: CoreWrapper): Promise<string> {
  const module = { exports: {} as CoreModule };
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
