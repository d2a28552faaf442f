import { defineProject } from 'vitest/config';
import { packageTestConfig } from '../../vitest.config.ts';

// `pnpm test:image` (image/test-image.mjs builds the image, then runs these against it); never part of `pnpm test`.
export default defineProject(
  packageTestConfig('source-metabase-image', { include: ['test-image/**/*.test.ts'], reportFile: 'image-test-results.json', timeoutMs: 120_000 }),
);
