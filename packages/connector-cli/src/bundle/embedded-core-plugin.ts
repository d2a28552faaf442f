// Build-time plugin for a connector's bin (dist/<name>.js), so that `spec` starts in about the time of bare `node`.
//
// Measured on the Metabase connector: Node spends ~40-60 ms parsing and compiling a 1.3 MB bundle (zod, the kit)
// even when the code is behind a lazy `import()`, far less scanning the same text inside a string literal. So the
// bin is a small launcher (argument parsing, help, version, spec) that carries the rest, the "core" (this package's
// run-command module and the connector's source module with everything they import, bundled as CommonJS), as text,
// compiled with `vm` only by commands that need it. The text is deflate-compressed and base64-encoded: an 800 KB core
// as a plain literal still cost every command about 21 ms to read and scan, its ~210 KB of base64 about 2 ms.
// Inflating it costs check, discover and read about 6 ms in a fresh process (Brotli, 35 KB smaller, took 12 ms), and
// a core of ASCII only is turned into a string byte for byte (decoding 800 KB as UTF-8 took another 8 ms, and one
// character beyond ASCII makes the whole string two bytes a character). Beside it the bin carries V8's code cache of
// the core, so that compiling it takes ~10 ms instead of ~55 under the Node that built it (see codeCache). The SPEC
// line is computed once here, from the built core, so `spec` needs no core at all.
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runInThisContext } from 'node:vm';
import { constants, deflateRawSync } from 'node:zlib';
import type { Options } from 'tsup';
import { CORE_V8_FLAGS } from '../core-v8-flags.js';
import { CORE_CACHE_NAME, CORE_TEXT_NAME, CORE_WRAPPER } from './embedded-core-text.js';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];
type PluginBuild = Parameters<EsbuildPlugin['setup']>[0];
type SpecRequest = { kind: 'spec'; debug: boolean };
type SpecIo = { stdout: Writable; stderr: Writable };
interface CoreModule {
  runCommand: (
    request: SpecRequest,
    io: SpecIo,
    options: { name: string; loadSource: () => Promise<unknown> },
  ) => Promise<number>;
  source: unknown;
}

export interface EmbeddedCoreOptions {
  /** The command's name: names the core in stack traces and build errors. */
  name: string;
  /** The connector's source module (a file), which the bin imports lazily; it becomes part of the core. */
  sourceFile: string;
  /** Which export of that module is the source. */
  sourceExport: string;
  target: string;
}

const { start: wrapperStart, end: wrapperEnd } = CORE_WRAPPER;
const coreNamespace = 'embedded-core';

// This package's own modules that the plugin replaces: the runner of commands (in the core) and the spec line.
const here = fileURLToPath(import.meta.url);
const ownModule = (name: string): string => realpathSync(join(dirname(here), '..', `${name}${extname(here)}`));
const execFileAsync = promisify(execFile);

export function embeddedCorePlugin(options: EmbeddedCoreOptions): EsbuildPlugin {
  return {
    name: 'embedded-core',
    setup(build) {
      const runCommandFile = ownModule('run-command');
      const precomputedSpecFile = ownModule('precomputed-spec');
      const sourceFile = realpathSync(resolve(options.sourceFile));
      let core: Promise<string> | undefined;
      const coreSource = (): Promise<string> =>
        (core ??= bundleCore(build, { ...options, runCommandFile, sourceFile }));

      build.onLoad({ filter: exactPath(runCommandFile) }, () => ({
        contents: `import { loadCore } from '${coreNamespace}';\nexport const runCommand = (...args) => loadCore().runCommand(...args);`,
        loader: 'js',
        resolveDir: dirname(runCommandFile),
      }));
      build.onLoad({ filter: exactPath(sourceFile) }, () => ({
        contents: `import { loadCore } from '${coreNamespace}';\nexport const ${options.sourceExport} = loadCore().source;`,
        loader: 'js',
        resolveDir: dirname(sourceFile),
      }));
      build.onLoad({ filter: exactPath(precomputedSpecFile) }, async () => ({
        contents: `export const precomputedSpecLine = ${JSON.stringify(await specLine(await coreSource(), options.name))};`,
        loader: 'js',
      }));
      // A bin that imports the source statically would compile the core at every start, `spec` included.
      build.initialOptions.metafile = true;
      build.onEnd((result) => {
        const inputs = Object.entries(result.metafile?.inputs ?? {});
        const statically = inputs.filter(([, input]) =>
          input.imports.some((i) => i.kind === 'import-statement' && resolve(i.path) === sourceFile),
        );
        if (statically.length > 0) {
          const importers = statically.map(([importer]) => importer).join(', ');
          throw new Error(
            `embedded-core: ${importers} imports ${options.sourceFile} statically; import it lazily, in loadSource: async () => (await import('./source.js')).${options.sourceExport}`,
          );
        }
      });
      build.onResolve({ filter: new RegExp(`^${coreNamespace}$`) }, (args) => ({
        path: args.path,
        namespace: coreNamespace,
      }));
      build.onLoad({ filter: /.*/, namespace: coreNamespace }, async () => {
        const source = await coreSource();
        return { contents: coreLoader(source, options.name, await codeCache(source, options.name)), loader: 'js' };
      });
    },
  };
}

function exactPath(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

async function bundleCore(
  build: PluginBuild,
  options: EmbeddedCoreOptions & { runCommandFile: string },
): Promise<string> {
  const result = await build.esbuild.build({
    stdin: {
      contents: [
        `export { runCommand } from ${JSON.stringify(options.runCommandFile)};`,
        `export { ${options.sourceExport} as source } from ${JSON.stringify(options.sourceFile)};`,
      ].join('\n'),
      resolveDir: dirname(options.sourceFile),
      sourcefile: `${options.name}-core.js`,
      loader: 'js',
    },
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
  if (file === undefined) throw new Error(`embedded-core: the core bundle of ${options.name} produced no output`);
  return file.text;
}

/** The module the launcher's stubs share: holds the core as compressed text and compiles it on first use. */
function coreLoader(source: string, name: string, cache: Buffer): string {
  const encoding = Buffer.byteLength(source, 'utf8') === source.length ? 'latin1' : 'utf8'; // ASCII only: bytes are characters
  return [
    "import { createRequire } from 'node:module';",
    "import { Script } from 'node:vm';",
    `const ${CORE_TEXT_NAME} = ${JSON.stringify(deflated(Buffer.from(source, 'utf8')))};`,
    `const ${CORE_CACHE_NAME} = ${JSON.stringify(deflated(cache))};`,
    'let core;',
    'export function loadCore() {',
    '  if (core === undefined) {',
    '    const require = createRequire(import.meta.url);',
    // node:zlib is loaded here, not imported at the top: `spec` never needs it.
    "    const { inflateRawSync } = require('node:zlib');",
    `    const coreSource = inflateRawSync(Buffer.from(${CORE_TEXT_NAME}, 'base64')).toString('${encoding}');`,
    // V8 checks the cache against its own version, its flags and the text's length; when they differ it compiles.
    `    const cachedData = inflateRawSync(Buffer.from(${CORE_CACHE_NAME}, 'base64'));`,
    `    const script = new Script(${JSON.stringify(wrapperStart)} + coreSource + ${JSON.stringify(wrapperEnd)}, { filename: ${JSON.stringify(coreFilename(name))}, cachedData });`,
    '    const coreModule = { exports: {} };',
    '    script.runInThisContext()(coreModule.exports, require, coreModule);',
    '    core = coreModule.exports;',
    '  }',
    '  return core;',
    '}',
  ].join('\n');
}

function deflated(bytes: Buffer): string {
  return deflateRawSync(bytes, { level: constants.Z_BEST_COMPRESSION, memLevel: 9 }).toString('base64');
}

function coreFilename(name: string): string {
  return `${name}.js/core`;
}

// Run by a plain `node -e` with no flags of its own: sets the commands' flags, compiles the wrapped core as the bin
// does, evaluates its module (so that the cache also holds the functions loading it compiles) and prints the cache.
const makeCodeCache = `
const [file, filename] = process.argv.slice(1);
for (const flag of ${JSON.stringify(CORE_V8_FLAGS)}) require('node:v8').setFlagsFromString(flag);
const script = new (require('node:vm').Script)(require('node:fs').readFileSync(file, 'utf8'), { filename });
const module = { exports: {} };
script.runInThisContext()(module.exports, require('node:module').createRequire(file), module);
process.stdout.write(script.createCachedData());
`;

/**
 * V8's code cache of the core, made by a fresh `node` (this one's executable, without NODE_OPTIONS) under the flags
 * the commands set (CORE_V8_FLAGS). A bin run by the same Node compiles the core from it (about 45 ms less for the
 * Metabase connector's 1 MB core); any other Node rejects it and compiles the text, as without a cache.
 */
async function codeCache(source: string, name: string): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'embedded-core-'));
  try {
    const file = join(dir, 'core.js');
    await writeFile(file, `${wrapperStart}${source}${wrapperEnd}`);
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const { stdout } = await execFileAsync(process.execPath, ['-e', makeCodeCache, file, coreFilename(name)], {
      encoding: 'buffer',
      env,
      maxBuffer: 256 * 1024 * 1024,
    });
    if (stdout.length === 0) throw new Error(`embedded-core: no code cache was made for the core of ${name}`);
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the core's `spec` once, at build time, and returns the one line it printed. */
async function specLine(source: string, name: string): Promise<string> {
  const module = { exports: {} as CoreModule };
  const wrapper = runInThisContext(`${wrapperStart}${source}${wrapperEnd}`, { filename: coreFilename(name) }) as (
    e: unknown,
    r: NodeJS.Require,
    m: unknown,
  ) => void;
  wrapper(module.exports, createRequire(import.meta.url), module);
  const core = module.exports;
  let stdout = '';
  let stderr = '';
  const collect = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString('utf8'));
        done();
      },
    });
  const io = { stdout: collect((t) => (stdout += t)), stderr: collect((t) => (stderr += t)) };
  const exitCode = await core.runCommand({ kind: 'spec', debug: false }, io, {
    name,
    loadSource: () => Promise.resolve(core.source),
  });
  const lines = stdout.split('\n').filter((line) => line !== '');
  const line = lines[0];
  if (exitCode !== 0 || lines.length !== 1 || line === undefined || !line.startsWith('{"type":"SPEC"')) {
    throw new Error(
      `embedded-core: spec of ${name} at build time failed (exit ${exitCode}): ${stdout.slice(0, 300)} ${stderr.slice(0, 300)}`,
    );
  }
  return line;
}
