import packageJson from '../package.json' with { type: 'json' };

/** The command's version, as its package.json gives it. */
export const commandVersion: string = packageJson.version;
