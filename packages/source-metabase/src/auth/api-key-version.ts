import { apiKeyAuth, ConnectorError, type Authenticator, type AuthHttp } from '@mb-airbyte/http-source-kit';

/** The Metabase release that introduced API keys (the `X-API-Key` header); older releases ignore the header. */
export const firstApiKeyVersion = 49;

/** The feature version of a Metabase tag: 47 for "v0.47.14" (open source) and for "v1.47.3" (Enterprise). */
export function metabaseMajor(tag: string): number | undefined {
  const match = /^v?[01]\.(\d+)(?:\.|$)/.exec(tag.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** `version.tag` from GET /api/session/properties, which answers without authentication; undefined if it cannot say. */
async function versionTag(client: AuthHttp): Promise<string | undefined> {
  try {
    const answer = await client.text({ path: 'session/properties' });
    if (answer.status !== 200) return undefined;
    const tag = (JSON.parse(answer.body) as { version?: { tag?: unknown } } | null)?.version?.tag;
    return typeof tag === 'string' ? tag : undefined;
  } catch {
    return undefined; // the 401 is explained as usual
  }
}

/**
 * An API key in `X-API-Key`. A 401 is looked into once per run: when GET /api/session/properties says the instance
 * predates API keys (0.49), the read ends with that, instead of the usual "the key may have been deleted".
 */
export function metabaseApiKeyAuth(header: string, apiKey: string): Authenticator {
  const base = apiKeyAuth({ header, value: apiKey });
  let verdict: Promise<ConnectorError | undefined> | undefined;
  const tooOld = async (client: AuthHttp): Promise<ConnectorError | undefined> => {
    const tag = await versionTag(client);
    const major = tag === undefined ? undefined : metabaseMajor(tag);
    if (tag === undefined || major === undefined || major >= firstApiKeyVersion) return undefined;
    return new ConnectorError({
      failureType: 'config_error',
      endsRun: true,
      message:
        `Metabase answered 401 Unauthenticated to the API key: this Metabase is ${tag.slice(0, 40)}, and API keys need Metabase ` +
        `0.${firstApiKeyVersion} or later. Use a session token, or a username and password, or upgrade Metabase.`,
    });
  };
  return {
    ...base,
    async onUnauthorized(client) {
      verdict ??= tooOld(client);
      const error = await verdict;
      if (error !== undefined) throw error;
      return false;
    },
  };
}
