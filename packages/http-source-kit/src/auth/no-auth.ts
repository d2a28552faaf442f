import type { Authenticator } from './authenticator.js';

/** No credentials at all. */
export function noAuth(): Authenticator {
  return {
    headers: () => Promise.resolve({}),
    secrets: () => [],
    describe: () => 'no authentication',
  };
}
