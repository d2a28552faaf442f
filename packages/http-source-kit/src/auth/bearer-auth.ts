import type { Authenticator } from '../http/http-types.js';

/** A static bearer token in the Authorization header. */
export function bearerAuth(options: { token: string }): Authenticator {
  return {
    headers: () => Promise.resolve({ authorization: `Bearer ${options.token}` }),
    secrets: () => [options.token],
    describe: () => 'bearer token',
  };
}
