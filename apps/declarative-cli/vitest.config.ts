import { defineProject } from 'vitest/config';
import { packageTestConfig } from '../../vitest.config.ts';

export default defineProject(packageTestConfig('source-declarative-manifest', { timeoutMs: 60_000 }));
