import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { AirbyteMessageSchema } from '@mb-airbyte/airbyte-protocol';

// `pnpm demo` at small scale: the built demo starts the sandbox, runs the four commands through the built CLI,
// saves the messages and prints a table. Proves it exits 0 and that what it saved is protocol, line by line.
const demo = fileURLToPath(new URL('../dist/demo.js', import.meta.url));
const run = promisify(execFile);
let out = '';

describe.skipIf(!existsSync(demo))(`the demo${existsSync(demo) ? '' : ' (skipped: run pnpm build first)'}`, () => {
  afterAll(async () => {
    if (out !== '') await rm(out, { recursive: true, force: true });
  });

  it('runs spec, check, discover and read against the sandbox and reports every stream', async () => {
    out = await mkdtemp(join(tmpdir(), 'source-metabase-demo-'));
    const { stdout } = await run(process.execPath, [demo, '--scale', '1', '--out', out], { timeout: 90_000 });
    for (const command of ['spec', 'check', 'discover', 'read'])
      expect(stdout).toMatch(new RegExp(`^ok +${command} +exit 0`, 'm'));
    expect(stdout).toMatch(/^cards\s+COMPLETE\s+[1-9][\d,]*\s/m);
    expect(stdout).toMatch(/^total \(\d+ streams\)/m);
    expect(stdout).toContain(join(out, 'messages.jsonl'));
    const lines = (await readFile(join(out, 'messages.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    const types = new Set(lines.map((line) => AirbyteMessageSchema.parse(JSON.parse(line)).type));
    expect(types).toEqual(
      new Set([
        'SPEC',
        'CONNECTION_STATUS',
        'CATALOG',
        'RECORD',
        'STATE',
        'TRACE',
        ...(types.has('LOG') ? ['LOG'] : []),
      ]),
    );
  });
});
