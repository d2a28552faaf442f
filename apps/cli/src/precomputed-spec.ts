/**
 * The SPEC message line for the Metabase source, as `spec` prints it. Undefined in the sources: the bin's build
 * (tsup.config.ts) replaces this module with the line computed from the built source, so `spec` starts without
 * loading zod or the kit. A test compares the bundle's spec with the one computed at run time.
 */
export const precomputedSpecLine: string | undefined = undefined;
