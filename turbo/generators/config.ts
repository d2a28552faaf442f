// `pnpm gen:source`: scaffolds packages/source-<name>, a new Airbyte source built on @mb-airbyte/http-source-kit.
// Non-interactive: pnpm gen:source --args <name> "<Title>" <api base url>
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { PlopTypes } from '@turbo/gen';

const namePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function validateName(input: unknown): true | string {
  if (typeof input !== 'string' || !namePattern.test(input)) return 'use kebab-case letters and digits, e.g. acme-crm';
  if (input.startsWith('source-')) return 'leave out the "source-" prefix: it is added for you';
  return true;
}

function validateUrl(input: unknown): true | string {
  return typeof input === 'string' && /^https:\/\/[^\s/]+/.test(input)
    ? true
    : 'an https:// URL, e.g. https://api.example.com/v1/';
}

/** The workspace root and the new package's folder. */
function where(answers: Record<string, unknown>): { root: string; dir: string } {
  const root = (answers.turbo as { paths: { root: string } }).paths.root;
  return { root, dir: join(root, 'packages', `source-${String(answers.name)}`) };
}

/** Writes the package's Dockerfile with connector-cli's `connector-image dockerfile` (its lint checks it stays so). */
function writeDockerfile(answers: Record<string, unknown>): string {
  const { root, dir } = where(answers);
  execFileSync(
    process.execPath,
    [join(root, 'packages/connector-cli/image/connector-image.mjs'), 'dockerfile', '--connector', dir],
    { stdio: 'inherit' },
  );
  return `${dir}/Dockerfile`;
}

/** Formats what was written as the workspace's format check wants (the templates themselves are not checked). */
function formatPackage(answers: Record<string, unknown>): string {
  const { root, dir } = where(answers);
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--write', '--log-level=warn', dir],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  return `${dir} formatted`;
}

export default function generator(plop: PlopTypes.NodePlopAPI): void {
  // A fresh Airbyte definitionId for metadata.yaml.
  plop.setHelper('uuid', () => randomUUID());
  plop.setGenerator('source', {
    description:
      'A new Airbyte source package (config schema, one example stream, its bin and image, tests over local HTTPS, README, changeset)',
    prompts: [
      {
        type: 'input',
        name: 'name',
        message: 'Source name, kebab-case (packages/source-<name>):',
        validate: validateName,
      },
      {
        type: 'input',
        name: 'title',
        message: 'Name people read (e.g. "Acme CRM"):',
        validate: (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? true : 'required'),
      },
      {
        type: 'input',
        name: 'apiUrl',
        message: 'The API base URL:',
        default: 'https://api.example.com/v1/',
        validate: validateUrl,
      },
    ],
    actions: [
      {
        type: 'addMany',
        destination: '{{ turbo.paths.root }}/packages/source-{{ name }}',
        base: 'templates/source',
        templateFiles: 'templates/source/**/*',
        stripExtensions: ['hbs'],
        globOptions: { dot: true },
        abortOnFail: true,
      },
      {
        type: 'add',
        path: '{{ turbo.paths.root }}/.changeset/source-{{ name }}-first-release.md',
        templateFile: 'templates/changeset.md.hbs',
        abortOnFail: true,
      },
      writeDockerfile,
      formatPackage,
      (answers) =>
        `Next: pnpm install, then pnpm turbo run lint typecheck test --filter=@mb-airbyte/source-${String(answers.name)} (and run test:image for its image)`,
    ],
  });
}
