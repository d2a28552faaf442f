import { defineProject } from 'vitest/config';
import { packageTestConfig } from '../../vitest.config.ts';

export default defineProject(packageTestConfig('connector-cli'));
