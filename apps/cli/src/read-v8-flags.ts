/**
 * The V8 flags `read` sets at start (see bin.ts). Kept here because the build makes the embedded core's code cache
 * under these same flags: V8 refuses a cache made under other flags, and `read` is the command whose start matters.
 */
export const readV8Flags = '--semi-space-growth-factor=1';
