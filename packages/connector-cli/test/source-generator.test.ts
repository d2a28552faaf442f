import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnConnector } from '../src/testing/spawn-connector.js';
import { generateInWorkspaceCopy, pnpm, type GeneratedWorkspace } from '../../../scripts/generated-workspace.mjs';

// `pnpm gen:source` in a copy of this workspace: the generated connector must install, build (its library and its
// single-file bin), lint, typecheck and pass its own tests, which read its example stream from a local HTTPS server
// in-process and through the built bin (spec, check, discover, read).
let generated: GeneratedWorkspace | undefined;
const dir = () => generated?.packageDir ?? '';

beforeAll(async () => {
  generated = await generateInWorkspaceCopy('acme-crm', 'Acme CRM', 'https://api.acme.example/v1/');
}, 300_000);

afterAll(async () => {
  await generated?.remove();
});

describe('pnpm gen:source', () => {
  it('writes the package with its bin, its image files, its README and a first changeset', async () => {
    const pkg = JSON.parse(await readFile(join(dir(), 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, { types: string; import: string }>;
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.name).toBe('@mb-airbyte/source-acme-crm');
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(pkg.bin).toEqual({ 'source-acme-crm': './dist/source-acme-crm.js' });
    expect(Object.keys(pkg.scripts)).toEqual(
      expect.arrayContaining(['build', 'typecheck', 'lint', 'test', 'image', 'test:image']),
    );
    // The image: metadata.yaml names it; the Dockerfile is connector-cli's, written for this package (lint checks it).
    expect(await readFile(join(dir(), 'metadata.yaml'), 'utf8')).toMatch(
      /^ {2}dockerRepository: mb-airbyte\/source-acme-crm$/m,
    );
    expect(await readFile(join(dir(), 'Dockerfile'), 'utf8')).toContain(
      'ENTRYPOINT ["node", "/airbyte/source-acme-crm.js"]',
    );
    expect(await readFile(join(dir(), 'README.md'), 'utf8')).toContain('# Acme CRM');
    expect(
      await readFile(join(generated?.root ?? '', '.changeset/source-acme-crm-first-release.md'), 'utf8'),
    ).toContain('"@mb-airbyte/source-acme-crm": minor');
  });

  it("is formatted as the workspace's format check wants", async () => {
    await pnpm(['exec', 'prettier', '--check', 'packages/source-acme-crm'], generated?.root ?? '');
  });

  it('names no other connector: nothing of Metabase in what it wrote', async () => {
    const written = [
      ...(await filesUnder(dir())),
      join(generated?.root ?? '', '.changeset/source-acme-crm-first-release.md'),
    ];
    expect(written.length).toBeGreaterThan(10);
    const naming: string[] = [];
    for (const file of written) if (/metabase/i.test(await readFile(file, 'utf8'))) naming.push(file);
    expect(naming).toEqual([]);
  });

  it("builds, lints, typechecks and passes its own tests, the bin's among them", async () => {
    await pnpm(['run', 'build'], dir());
    expect(existsSync(join(dir(), 'dist/index.js'))).toBe(true);
    await pnpm(['run', 'lint'], dir());
    await pnpm(['run', 'typecheck'], dir());
    await pnpm(['run', 'test'], dir());
    const report = JSON.parse(await readFile(join(dir(), 'test-results.json'), 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numTotalTests: number;
    };
    expect(report).toMatchObject({ numPassedTests: 8, numFailedTests: 0, numTotalTests: 8 });
  }, 300_000);

  it('its bin is one file that runs with plain node and nothing beside it', async () => {
    const alone = await mkdtemp(join(tmpdir(), 'mb-airbyte-gen-bin-'));
    try {
      await copyFile(join(dir(), 'dist/source-acme-crm.js'), join(alone, 'source-acme-crm.js'));
      const run = await spawnConnector(['spec'], {
        cliFile: join(alone, 'source-acme-crm.js'),
        cwd: alone,
        env: { PATH: process.env.PATH ?? '' },
      });
      expect(run.exitCode).toBe(0);
      expect(run.badLines).toEqual([]);
      expect(run.messages.map((m) => m.type)).toEqual(['SPEC']);
    } finally {
      await rm(alone, { recursive: true, force: true });
    }
  });

  it('turbo builds the connector before its tests', async () => {
    const plan = JSON.parse(
      await pnpm(
        ['exec', 'turbo', 'run', 'test', '--filter=@mb-airbyte/source-acme-crm', '--dry=json'],
        generated?.root ?? '',
      ),
    ) as {
      tasks: { taskId: string; dependencies: string[] }[];
    };
    const test = plan.tasks.find((task) => task.taskId === '@mb-airbyte/source-acme-crm#test');
    expect(test?.dependencies).toContain('@mb-airbyte/source-acme-crm#build');
  });
});

/** Every file under `folder`, outside node_modules. */
async function filesUnder(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await filesUnder(path)));
    else files.push(path);
  }
  return files;
}
