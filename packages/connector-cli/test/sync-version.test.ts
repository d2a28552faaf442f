import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

// `connector-image sync-version`, as `pnpm version-packages` runs it after `changeset version` bumped package.json:
// a copy of the toy connector in a workspace of its own, bumped, then synced by the command itself.
const run = promisify(execFile);
const command = fileURLToPath(new URL('../image/connector-image.mjs', import.meta.url));
const toy = fileURLToPath(new URL('./fixtures/toy-image/', import.meta.url));
let work = '';
afterEach(() => rm(work, { recursive: true, force: true }));

async function bumpedToy(version: string): Promise<string> {
  work = await mkdtemp(join(tmpdir(), 'connector-image-sync-'));
  await writeFile(join(work, 'pnpm-workspace.yaml'), "packages: ['packages/*']\n");
  const dir = join(work, 'packages', 'source-toy');
  await cp(toy, dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string };
  await writeFile(join(dir, 'package.json'), JSON.stringify({ ...manifest, version }, null, 2));
  return dir;
}

describe('connector-image sync-version', () => {
  it("sets metadata.yaml's dockerImageTag and the Dockerfile's label to the bumped version, and nothing else", async () => {
    const dir = await bumpedToy('4.6.0');
    const before = await readFile(join(dir, 'metadata.yaml'), 'utf8');
    const { stdout } = await run(process.execPath, [command, 'sync-version', '--connector', dir]);
    expect(stdout.trim().split('\n')).toHaveLength(3);
    const after = await readFile(join(dir, 'metadata.yaml'), 'utf8');
    expect(after).toBe(before.replace('dockerImageTag: 4.5.6', 'dockerImageTag: 4.6.0'));
    const dockerfile = await readFile(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('LABEL io.airbyte.version="4.6.0"');
    expect(dockerfile).not.toContain('4.5.6');
    // The lint's check now agrees with the package.
    await run(process.execPath, [command, 'dockerfile', '--check', '--connector', dir]);
  });

  it('refuses a metadata.yaml without a dockerImageTag, with exit 1 and the file named', async () => {
    const dir = await bumpedToy('4.6.0');
    await writeFile(join(dir, 'metadata.yaml'), 'data:\n  dockerRepository: example/source-toy\n');
    const failure = await run(process.execPath, [command, 'sync-version', '--connector', dir]).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/metadata\.yaml has no data\.dockerImageTag/) as unknown,
    });
  });
});
