import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { sourceVersion } from './version.js';

it('reports the version in package.json (bump src/version.ts with every release)', () => {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(sourceVersion).toBe(version);
});
