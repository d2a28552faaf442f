import packageJson from '../package.json' with { type: 'json' };

/** The CLI's own version (also the Docker image tag); bundled in at build time. */
export const cliVersion: string = packageJson.version;
