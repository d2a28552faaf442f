/**
 * The SPEC message line of the connector's source, as `spec` prints it. Undefined in the sources: a bin built with
 * the `./bundle` export has this module replaced by the line computed from its built source, so `spec` starts
 * without loading zod or the kit.
 */
export const precomputedSpecLine: string | undefined = undefined;
