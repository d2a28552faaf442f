// The `source-metabase` executable: the only place that touches process.argv, process.exit and the real stdio.
import { main } from './main.js';
import { processIo } from './process-io.js';

if (process.argv[2] === 'read') {
  // Records stream through and die young, so a young generation kept at its initial 1 MB semi-spaces is enough: V8
  // would otherwise grow it to 16 MB ones, about 25 MB more RSS for the same CPU (measured with `pnpm bench`). V8
  // reads this flag each time it would grow the young generation, so setting it at run time takes effect. Loaded
  // only for `read`, so that `spec` does not pay for node:v8.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--semi-space-growth-factor=1');
}

const fatalHandlers = new Set<(error: unknown) => Promise<void>>();

async function onFatal(error: unknown): Promise<void> {
  process.exitCode = 1;
  try {
    if (fatalHandlers.size === 0) process.stderr.write(`source-metabase: ${error instanceof Error ? error.message : String(error)}\n`);
    for (const handler of fatalHandlers) await handler(error);
  } finally {
    // Work may still be pending (sockets, timers): the ERROR trace is flushed, so stop here.
    process.exit(1);
  }
}
process.on('uncaughtException', (error) => void onFatal(error));
process.on('unhandledRejection', (reason) => void onFatal(reason));

const exitCode = await main(
  process.argv.slice(2),
  processIo((handler) => {
    fatalHandlers.add(handler);
    return () => fatalHandlers.delete(handler);
  }),
);
process.exitCode = exitCode;
// stdout is flushed. Should anything still hold the event loop open (a socket nobody closed), do not hang the sync:
// leave after a grace period that an orderly exit never reaches (the timer does not itself keep the process alive).
setTimeout(() => process.exit(exitCode), 3_000).unref();
