import { defineProject } from 'vitest/config';
import { packageTestConfig } from '../../vitest.config.ts';

// `connector-image test` (image/test-image.mjs builds a connector's image, then runs these against it, for that
// connector); never part of `pnpm test`.
export default defineProject(
  packageTestConfig('connector-image', {
    include: ['test-image/**/*.test.ts'],
    reportFile: 'image-test-results.json',
    timeoutMs: 120_000,
  }),
);
