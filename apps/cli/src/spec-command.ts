import { MessageWriter, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import type { CliIo } from './cli-io.js';
import { precomputedSpecLine } from './precomputed-spec.js';

/** `spec` for the built-in Metabase source: the line computed at build time when there is one. */
export async function runBuiltInSpec(io: CliIo, debug: boolean): Promise<number> {
  if (precomputedSpecLine === undefined) {
    const { runCommand } = await import('./run-command.js');
    return runCommand({ kind: 'spec', debug }, io);
  }
  const writer = new MessageWriter(io.stdout);
  await writer.write(JSON.parse(precomputedSpecLine) as AirbyteMessage);
  await writer.flush();
  return 0;
}
