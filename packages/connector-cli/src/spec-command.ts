import { MessageWriter, type AirbyteMessage } from '@mb-airbyte/airbyte-protocol';
import type { CliIo } from './cli-io.js';
import { precomputedSpecLine } from './precomputed-spec.js';

/**
 * `spec` from the line computed when the bin was built (see the `./bundle` export), without loading the source;
 * resolves undefined where there is none (sources, tests, a bin built without it), so the source is asked.
 */
export async function writePrecomputedSpec(io: CliIo): Promise<number | undefined> {
  if (precomputedSpecLine === undefined) return undefined;
  const writer = new MessageWriter(io.stdout);
  await writer.write(JSON.parse(precomputedSpecLine) as AirbyteMessage);
  await writer.flush();
  return 0;
}
