/**
 * The V8 flags that check, discover and read set as they start, before the core is compiled. A bin's code cache
 * (see bundle/embedded-core-plugin.ts) is made under the same flags: V8 rejects a cache made under others.
 *
 * `--semi-space-growth-factor=1`: records stream through and die young, so a young generation kept at its initial
 * 1 MB semi-spaces is enough. V8 would otherwise grow it to 16 MB ones, about 25 MB more RSS for the same CPU
 * (measured with the Metabase connector's `pnpm bench`). V8 reads this flag each time it would grow the young
 * generation, so setting it at run time takes effect.
 */
export const CORE_V8_FLAGS: readonly string[] = ['--semi-space-growth-factor=1'];

/** The commands that compile the core (spec prints the line computed at build time, help and version need nothing). */
export const CORE_COMMANDS: readonly string[] = ['check', 'discover', 'read'];

/** Sets CORE_V8_FLAGS (node:v8 is loaded here, so that `spec` does not pay for it). */
export async function setCoreV8Flags(): Promise<void> {
  const { setFlagsFromString } = await import('node:v8');
  for (const flag of CORE_V8_FLAGS) setFlagsFromString(flag);
}
