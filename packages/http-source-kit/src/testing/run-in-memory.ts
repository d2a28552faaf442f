import { Writable } from 'node:stream';
import { MessageWriter } from '@mb-airbyte/airbyte-protocol';
import { runSource, type RunSourceOptions } from '../runner/index.js';
import type { SourceDefinition } from '../source/index.js';
import { parseSourceOutput, type SourceOutput } from './source-output.js';

/** A writable that keeps everything written to it, as text. */
export function memoryOutput(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs any command in-process through a real MessageWriter and returns the parsed output. */
export async function runSourceInMemory<Config>(
  source: SourceDefinition<Config>,
  options: Omit<RunSourceOptions, 'writer'>,
): Promise<SourceOutput> {
  const out = memoryOutput();
  const exitCode = await runSource(source, { ...options, writer: new MessageWriter(out.stream) });
  return parseSourceOutput(out.text(), exitCode);
}
