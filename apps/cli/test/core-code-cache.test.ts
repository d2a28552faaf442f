import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

// The built bin carries V8's code cache of its embedded core (see embedded-core-plugin.ts). A cache V8 refuses
// costs its decoding and saves nothing, so this checks, in a plain `node` like the one that runs the bin, that the
// cache is there, belongs to that exact core text and wrapper, and is accepted.
const bundle = fileURLToPath(new URL('../dist/source-metabase.js', import.meta.url));

/** The value of `name = <string literal>;` on a line of its own in the bundle (as esbuild prints it). */
function literal(text: string, name: string): string {
  const line = text.split('\n').find((l) => l.trimStart().startsWith(`${name} = `));
  if (line === undefined) throw new Error(`${name} not found in the bundle`);
  const expression = line.trim().slice(`${name} = `.length, -1);
  // A string literal as esbuild printed it, read the way JavaScript reads it.
  return String(runInNewContext(expression));
}

const check = `
const { Script } = require('node:vm');
const { core, cache } = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const script = new Script('(function (exports, require, module) {' + core + '\\n})', { filename: 'source-metabase.js/core', cachedData: Buffer.from(cache, 'base64') });
process.stdout.write(JSON.stringify({ rejected: script.cachedDataRejected }));
`;

describe.skipIf(!existsSync(bundle))('the code cache embedded in the bin', () => {
  it('is accepted by node for the embedded core, and refused for another text', () => {
    const text = readFileSync(bundle, 'utf8');
    // The bin compiles the same wrapper, filename and cache that are checked below.
    expect(text).toContain(
      'new Script("(function (exports, require, module) {" + coreSource + "\\n})", { filename: "source-metabase.js/core", cachedData: Buffer.from(coreCodeCache, "base64") })',
    );
    const core = literal(text, 'coreSource');
    const cache = literal(text, 'coreCodeCache');
    expect(cache.length).toBeGreaterThan(1000);
    const run = (source: string) => JSON.parse(execFileSync(process.execPath, ['-e', check], { input: JSON.stringify({ core: source, cache }) }).toString()) as unknown;
    expect(run(core)).toEqual({ rejected: false });
    expect(run(`${core}\n// another text`)).toEqual({ rejected: true });
  });
});
