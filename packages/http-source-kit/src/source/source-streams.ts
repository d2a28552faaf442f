import type { StreamDefinition } from '../streams/index.js';
import type { RunContext } from './run-context.js';
import type { SourceDefinition } from './source-definition.js';

export interface SourceStreams<Config> {
  list: readonly StreamDefinition<Config>[];
  readonly named: (name: string) => StreamDefinition<Config> | undefined;
}

/** The source's streams for a config, checked: unique names, parents (and sources of derived streams) that exist, no cycles. */
export function sourceStreams<Config>(
  source: SourceDefinition<Config>,
  run: RunContext<Config>,
): SourceStreams<Config> {
  const list = source.streams(run.config, run);
  const byName = new Map<string, StreamDefinition<Config>>();
  for (const stream of list) {
    if (byName.has(stream.name)) throw new TypeError(`source "${source.name}": two streams are named "${stream.name}"`);
    byName.set(stream.name, stream);
  }
  /** The stream this one reads: its partitions' parent, or the stream it is derived from. */
  const parentOf = (stream: StreamDefinition<Config>): StreamDefinition<Config> | undefined => {
    const parent = stream.derivedFrom ?? stream.partitions?.parent;
    if (typeof parent !== 'string') return parent;
    const found = byName.get(parent);
    if (found === undefined)
      throw new TypeError(`stream "${stream.name}": the stream "${parent}" it reads is not a stream of this source`);
    return found;
  };
  for (const stream of list) {
    const chain = new Set<StreamDefinition<Config>>([stream]);
    for (let parent = parentOf(stream); parent !== undefined; parent = parentOf(parent)) {
      if (chain.has(parent)) throw new TypeError(`stream "${stream.name}": its parent streams form a cycle`);
      chain.add(parent);
    }
  }
  return { list, named: (name) => byName.get(name) };
}
