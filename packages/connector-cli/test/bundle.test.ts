import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorBinConfig, CORE_WRAPPER, embeddedCoreCodeCache, embeddedCoreText } from '../src/bundle/index.js';
import { CORE_V8_FLAGS } from '../src/core-v8-flags.js';
import { main } from '../src/index.js';
import { memoryIo } from '../src/testing/memory-io.js';
import { toySource } from './support/toy-source.js';

// A toy connector built with the build API, as a connector's tsup.config.ts does, then run with plain `node`.
const run = promisify(execFile);
const fixture = fileURLToPath(new URL('./fixtures/toy-connector/', import.meta.url));
let out = '';
let bin = '';
const node = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: tmpdir() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/** Builds the fixture's bin `binFile` into `outDir` as a connector's tsup.config.ts does. */
function buildToy(binFile: string, outDir: string): Promise<void> {
  const options = connectorBinConfig({
    name: 'source-toy',
    bin: join(fixture, binFile),
    source: join(fixture, 'src/source.ts'),
    outDir,
  });
  return build({
    ...options,
    config: false,
    silent: true,
    // The fixture imports this package from its sources (the plugin replaces modules of the copy it belongs to).
    esbuildOptions(esbuild) {
      esbuild.alias = { '@mb-airbyte/connector-cli': fileURLToPath(new URL('../src/index.ts', import.meta.url)) };
    },
  });
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'connector-cli-bundle-'));
  await buildToy('src/bin.ts', out);
  bin = join(out, 'source-toy.js');
  await writeFile(join(out, 'config.json'), JSON.stringify({ token: 'tok-bundle-secret', count: 2 }));
}, 120_000);
afterAll(() => rm(out, { recursive: true, force: true }));

describe('connectorBinConfig', () => {
  it('builds one executable file that starts with a shebang and carries the source as text', async () => {
    const text = await readFile(bin, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    // The source's code is inside the core, carried compressed, not compiled with the launcher.
    expect(text).not.toContain('toy source module evaluated');
    expect(embeddedCoreText(text)?.split('toy source module evaluated')).toHaveLength(2);
  });

  it('spec prints the line computed at build time, equal to the spec main computes, without loading the source', async () => {
    const spec = await node('spec');
    expect(spec).toMatchObject({ code: 0, stderr: '' });
    const io = memoryIo();
    expect(
      await main(['spec'], io, {
        name: 'source-toy',
        version: '4.5.6',
        checkTarget: 'x',
        loadSource: () => Promise.resolve(toySource()),
      }),
    ).toBe(0);
    expect(spec.stdout).toBe(io.stdout.text);
  });

  it('help, version and usage errors name the command and do not load the source', async () => {
    expect(await node('--version')).toEqual({ code: 0, stdout: '4.5.6\n', stderr: '' });
    const help = await node('--help');
    expect(help.stdout).toContain(
      'check --config FILE                           test the configuration against the toy API',
    );
    const wrong = await node('read');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^source-toy: read needs --config FILE\n/);
  });

  it('refuses a bin that imports the source statically (it would compile the core at every start)', async () => {
    await expect(buildToy('src/static-bin.ts', join(out, 'static'))).rejects.toThrow(
      /imports \S+source\.ts statically; import it lazily/,
    );
  });

  it('carries a code cache of the core that this Node takes under the flags check, discover and read set', async () => {
    const text = await readFile(bin, 'utf8');
    const core = join(out, 'core-wrapped.js');
    const cache = join(out, 'core.cache');
    await writeFile(core, `${CORE_WRAPPER.start}${embeddedCoreText(text) ?? ''}${CORE_WRAPPER.end}`);
    await writeFile(cache, embeddedCoreCodeCache(text) ?? Buffer.alloc(0));
    // As the bin does: the same text compiled with the cache, in a fresh node; V8 says whether it took the cache.
    const rejected = async (flags: readonly string[]) => {
      const script = [
        `for (const flag of ${JSON.stringify(flags)}) require('node:v8').setFlagsFromString(flag);`,
        "const { readFileSync } = require('node:fs');",
        `const script = new (require('node:vm').Script)(readFileSync(${JSON.stringify(core)}, 'utf8'), { cachedData: readFileSync(${JSON.stringify(cache)}) });`,
        'process.stdout.write(String(script.cachedDataRejected));',
      ].join('\n');
      const { stdout } = await run(process.execPath, ['-e', script], { env: { ...process.env, NODE_OPTIONS: '' } });
      return stdout;
    };
    expect(await rejected(CORE_V8_FLAGS)).toBe('false');
    // V8 checks the flags a cache was made under: without the commands' flags the same cache is refused.
    expect(await rejected([])).toBe('true');
  });

  it('check and read load the source from the embedded core and run it', async () => {
    const check = await node('check', '--config', join(out, 'config.json'));
    expect(check.code).toBe(0);
    expect(check.stderr).toBe('toy source module evaluated\n');
    expect(check.stdout).toContain('"status":"SUCCEEDED"');
    const read = await node('read', '--config', join(out, 'config.json'));
    expect(read.code).toBe(0);
    expect(read.stdout.split('\n').filter((line) => line.includes('"type":"RECORD"'))).toHaveLength(4);
  });
});
