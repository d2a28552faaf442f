// Preloaded into the CLI (`node --import`) by tests that measure memory: at exit, the process's own peak resident set
// size (the kernel's high-water mark, in KiB) goes to the file named by PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.PEAK_RSS_FILE;
if (file !== undefined && file !== '')
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
