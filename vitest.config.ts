// Root vitest config: `vitest` at the root runs every package as a project; each package's own
// vitest.config.ts calls `packageTestConfig` so `pnpm --filter X test` works the same way.
// Workspace imports are aliased to sources, so tests never need a build.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const root = import.meta.dirname;
const scope = '@mb-airbyte/';

function workspaceAliases(): { find: string | RegExp; replacement: string }[] {
  const aliases: { find: string | RegExp; replacement: string }[] = [];
  for (const group of ['packages', 'apps']) {
    for (const dir of readdirSync(join(root, group))) {
      const src = join(root, group, dir, 'src');
      if (!existsSync(join(src, 'index.ts'))) continue;
      const name = scope + dir;
      // Subpath exports (for example `/testing`) map to src/<subpath>/index.ts or src/<subpath>.ts.
      aliases.push({ find: new RegExp(`^${name}/(.+)$`), replacement: join(src, '$1') });
      aliases.push({ find: new RegExp(`^${name}$`), replacement: join(src, 'index.ts') });
    }
  }
  return aliases;
}

export interface PackageTestOptions {
  timeoutMs?: number;
  /** Test files (default src/ and test/). */
  include?: string[];
  /** The JSON report .ci/run sums (default test-results.json). */
  reportFile?: string;
}

// Tests run over real HTTPS and spawn the built CLI; on a 2-core machine running every package's suite at once a
// test that takes 2 s alone has been seen to take over 20 s. A hung test still fails, a minute later.
const DEFAULT_TIMEOUT_MS = 60_000;

export function packageTestConfig(name: string, extra: PackageTestOptions = {}): ViteUserConfig {
  return {
    resolve: { alias: workspaceAliases() },
    test: {
      name,
      include: extra.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      environment: 'node',
      testTimeout: extra.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      hookTimeout: extra.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      reporters: ['default', 'json'],
      outputFile: { json: extra.reportFile ?? 'test-results.json' },
    },
  };
}

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
