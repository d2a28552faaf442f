/** Authenticators that only add a header or a parameter: NoAuth, ApiKey, Bearer and Basic (HTTP basic auth). */
import type { Authenticator } from '@mb-airbyte/http-source-kit';

/** Adds fixed headers; secrets are masked in every output. */
export function headerAuth(headers: Record<string, string>, secrets: string[], description: string): Authenticator {
  return {
    headers: () => Promise.resolve(headers),
    secrets: () => secrets.filter((secret) => secret !== ''),
    describe: () => description,
  };
}

export function basicAuthValue(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
