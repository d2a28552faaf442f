import type { Authenticator } from '../http/http-types.js';

export interface ApiKeyAuthOptions {
  /** E.g. 'X-API-Key'. */
  header: string;
  value: string;
}

/** A static secret sent in one header on every request. */
export function apiKeyAuth(options: ApiKeyAuthOptions): Authenticator {
  return {
    headers: () => Promise.resolve({ [options.header]: options.value }),
    secrets: () => [options.value],
    describe: () => `API key in header ${options.header}`,
  };
}
