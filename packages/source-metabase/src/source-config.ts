import { controlCharacterProblem, headerValueProblem } from '@mb-airbyte/http-source-kit';
import { chooseCredential } from './choose-credential.js';
import { MetabaseConfigError } from './config-error.js';
import { metabaseConfigSchema } from './config.js';
import { normalizeInstanceUrl } from './normalize-instance-url.js';

const pemHeader = '-----BEGIN CERTIFICATE-----';

/** The trimmed `ca_certificate`, or undefined when blank or absent. */
export function caCertificate(config: { ca_certificate?: string | undefined }): string | undefined {
  const pem = config.ca_certificate?.trim();
  return pem === undefined || pem === '' ? undefined : pem;
}

/**
 * `metabaseConfigSchema` plus the checks that need more than one field or more than a pattern: a usable URL, a
 * usable credential and a PEM-looking CA certificate. Every command (discover included) validates with it, so a bad
 * config fails before any network call. The generated spec is the same as `metabaseConfigSchema`'s.
 */
export const metabaseSourceConfigSchema = metabaseConfigSchema.superRefine((config, context) => {
  const checks: [path: PropertyKey[], check: () => unknown][] = [
    [['instance_api_url'], () => normalizeInstanceUrl(config.instance_api_url)],
    [[], () => chooseCredential(config)],
    [
      ['ca_certificate'],
      () => {
        checkPem(caCertificate(config));
      },
    ],
    ...credentialFields.map(([field, problemOf]): [PropertyKey[], () => unknown] => [
      [field],
      () => {
        checkCharacters(field, config[field], problemOf);
      },
    ]),
  ];
  // A field the schema already rejected (the https pattern) is not checked again: one issue, reported once.
  const rejected = new Set(context.issues.map((issue) => String(issue.path?.[0])));
  for (const [path, check] of checks) {
    if (path.length > 0 && rejected.has(String(path[0]))) continue;
    try {
      check();
    } catch (error) {
      if (!MetabaseConfigError.isInstance(error)) throw error;
      context.addIssue({ code: 'custom', message: error.userMessage, path });
    }
  }
});

/**
 * Credentials with a character they cannot hold: a key or token goes in an HTTP header (Node refuses line breaks and
 * characters beyond Latin-1 there, with a generic error), a user name or password in a JSON body (where a line break
 * is a paste mistake that only shows as a failed login).
 */
const credentialFields = [
  ['api_key', headerValueProblem],
  ['session_token', headerValueProblem],
  ['username', controlCharacterProblem],
  ['password', controlCharacterProblem],
] as const;

function checkCharacters(
  field: string,
  value: string | undefined,
  problemOf: (value: string) => string | undefined,
): void {
  const problem = value === undefined ? undefined : problemOf(value);
  if (problem !== undefined) {
    throw new MetabaseConfigError(
      `${field} contains ${problem}, probably pasted along with it: remove it and save the configuration again.`,
    );
  }
}

function checkPem(pem: string | undefined): void {
  if (pem !== undefined && !pem.includes(pemHeader)) {
    throw new MetabaseConfigError(`ca_certificate must be a PEM certificate: text that starts with ${pemHeader}.`);
  }
}
