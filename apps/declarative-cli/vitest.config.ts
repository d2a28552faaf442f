import { defineProject } from 'vitest/config';
import { packageTestConfig } from '../../vitest.config.ts';

// Generous: each test starts the built command a few times, which takes seconds on a loaded machine.
export default defineProject(packageTestConfig('source-declarative-manifest', { timeoutMs: 240_000 }));
