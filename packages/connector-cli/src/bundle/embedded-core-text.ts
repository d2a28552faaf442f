import { inflateRawSync } from 'node:zlib';

/** The name of the launcher's constant that holds the core (raw deflate, base64). */
export const CORE_TEXT_NAME = 'embeddedCoreDeflated';

/**
 * The core a built bin carries, as text: for checks that read what the bin runs (a grep for a forbidden option, say),
 * which the compressed form would hide. Undefined for a bin without an embedded core.
 */
export function embeddedCoreText(binText: string): string | undefined {
  const match = new RegExp(`${CORE_TEXT_NAME} = ["']([A-Za-z0-9+/=]+)["']`).exec(binText);
  return match?.[1] === undefined ? undefined : inflateRawSync(Buffer.from(match[1], 'base64')).toString('utf8');
}
