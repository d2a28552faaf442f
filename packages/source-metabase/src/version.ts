import packageJson from '../package.json' with { type: 'json' };

/**
 * The connector version (user agent, the CLI and the image tag), read from package.json so `changeset version` moves
 * it: Node loads the JSON beside dist/ at run time, and bundlers inline it.
 */
export const sourceVersion: string = packageJson.version;
