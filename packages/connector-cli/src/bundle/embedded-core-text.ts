import { inflateRawSync } from 'node:zlib';

/** The name of the launcher's constant that holds the core (raw deflate, base64). */
export const CORE_TEXT_NAME = 'embeddedCoreDeflated';
/** The core runs as the body of this function (CommonJS style), compiled with `vm`. */
export const CORE_WRAPPER = { start: '(function (exports, require, module) {', end: '\n})' } as const;

/** The name of the launcher's constant that holds V8's code cache of the core (raw deflate, base64). */
export const CORE_CACHE_NAME = 'embeddedCoreCodeCache';

/**
 * The core a built bin carries, as text: for checks that read what the bin runs (a grep for a forbidden option, say),
 * which the compressed form would hide. Undefined for a bin without an embedded core.
 */
export function embeddedCoreText(binText: string): string | undefined {
  return embedded(binText, CORE_TEXT_NAME)?.toString('utf8');
}

/** The code cache a built bin carries for its core (undefined for a bin without an embedded core). */
export function embeddedCoreCodeCache(binText: string): Buffer | undefined {
  return embedded(binText, CORE_CACHE_NAME);
}

function embedded(binText: string, name: string): Buffer | undefined {
  const match = new RegExp(`${name} = ["']([A-Za-z0-9+/=]+)["']`).exec(binText);
  return match?.[1] === undefined ? undefined : inflateRawSync(Buffer.from(match[1], 'base64'));
}
