import type { Authenticator } from '../http/http-types.js';

/** No credentials at all. */
export function noAuth(): Authenticator {
  return {
    headers: () => Promise.resolve({}),
    secrets: () => [],
    describe: () => 'no authentication',
  };
}
