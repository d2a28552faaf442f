import { defineProject } from 'vitest/config';
import { packageTestConfig } from '../../vitest.config.ts';

// Generous: a file's first test also compiles the component schema, which takes seconds on a loaded machine.
export default defineProject(packageTestConfig('declarative-source', { timeoutMs: 90_000 }));
