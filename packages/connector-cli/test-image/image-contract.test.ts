import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSecrets, connector, engineOutput, image, shellInImage } from './image-under-test.js';

// The image as Airbyte's platform and acceptance tests see it: its configuration from `inspect`, its users and
// folders, and nothing of the build (sources, package managers, their stores, the build secrets) left inside.
const run = promisify(execFile);
const { metadata, version: packageVersion, bin } = connector;

interface ImageConfig {
  User: string;
  Env: string[];
  Entrypoint: string[];
  WorkingDir: string;
  Labels: Record<string, string>;
}
let config: ImageConfig;
let work = '';

beforeAll(async () => {
  const [inspected] = JSON.parse(await engineOutput(['image', 'inspect', image])) as { Config: ImageConfig }[];
  if (inspected === undefined) throw new Error(`${image}: inspect returned nothing`);
  config = inspected.Config;
  work = await mkdtemp(join(tmpdir(), 'mb-airbyte-image-contract-'));
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

/** Lines of the build secrets that must not appear anywhere in the image: the canary, private CAs, npm tokens. */
function secretNeedles(): string[] {
  const needles = buildSecrets.canary === undefined ? [] : [buildSecrets.canary];
  if (buildSecrets.ca !== undefined) {
    const known = new Set(rootCertificates.map((pem) => pem.replace(/\s+/g, '')));
    for (const pem of readFileSync(buildSecrets.ca, 'utf8').match(
      /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g,
    ) ?? []) {
      if (known.has(pem.replace(/\s+/g, ''))) continue; // Node itself carries the public roots
      needles.push(
        ...pem
          .split('\n')
          .filter((line) => /^[A-Za-z0-9+/]{64}$/.test(line))
          .slice(1, 4),
      );
    }
  }
  if (buildSecrets.npmrc !== undefined) {
    for (const [, value] of readFileSync(buildSecrets.npmrc, 'utf8').matchAll(
      /(?:_authToken|_auth|_password|token)\s*=\s*(\S{8,})/gi,
    ))
      needles.push(value ?? '');
  }
  return needles;
}

describe('the image configuration, from inspect', () => {
  it('labels name and version equal metadata.yaml and the CLI version', () => {
    expect(config.Labels['io.airbyte.name']).toBe(metadata.data.dockerRepository);
    expect(config.Labels['io.airbyte.version']).toBe(metadata.data.dockerImageTag);
    expect(metadata.data.dockerImageTag).toBe(packageVersion);
  });

  it('AIRBYTE_ENTRYPOINT equals the space-joined ENTRYPOINT, with absolute paths', () => {
    const entrypoint = config.Env.find((line) => line.startsWith('AIRBYTE_ENTRYPOINT='))?.slice(
      'AIRBYTE_ENTRYPOINT='.length,
    );
    expect(entrypoint).toBe(config.Entrypoint.join(' '));
    expect(config.Entrypoint).toEqual(['node', `/airbyte/${bin}.js`]);
  });

  it('runs as the user airbyte (uid and gid 1000) in /airbyte, and carries no build settings', () => {
    expect(config.User).toBe('airbyte');
    expect(config.WorkingDir).toBe('/airbyte');
    expect(config.Env.filter((line) => /^(NODE_EXTRA_CA_CERTS|npm_config_|NPM_CONFIG_|PNPM_|CI=)/.test(line))).toEqual(
      [],
    );
  });
});

describe('inside the image', () => {
  it('the default user is airbyte, 1000:1000, and /airbyte is writable by it and by uid 1000', async () => {
    expect((await shellInImage('id -un; id -u; id -g')).split('\n').slice(0, 3)).toEqual(['airbyte', '1000', '1000']);
    expect(await shellInImage('touch /airbyte/probe && echo written')).toBe('written\n');
    expect(await shellInImage('touch /airbyte/probe && echo written', ['--user', '1000:1000'])).toBe('written\n');
  });

  it('--version prints the version on the label', async () => {
    expect(await engineOutput(['run', '--rm', image, '--version'])).toBe(`${packageVersion}\n`);
  });

  it('holds no sources, package manager, store, .npmrc or secret mount from the build', async () => {
    const leftovers = [
      'node_modules',
      '.npmrc',
      'npmrc',
      'pnpm-*',
      '.pnpm*',
      '.npm',
      '.cache',
      '.local',
      'workspace',
      'with-build-secrets',
      '*.pem',
    ];
    const script = [
      `find / -xdev \\( ${leftovers.map((name) => `-name '${name}'`).join(' -o ')} \\) -print`,
      'for tool in pnpm npm npx corepack yarn turbo; do command -v $tool; done',
      'ls -A /run/secrets 2>/dev/null',
      'exit 0',
    ].join('; ');
    expect((await shellInImage(script, ['--user', '0'])).trim()).toBe('');
    expect(await shellInImage('ls -A /airbyte /usr/local/bin')).toBe(`/airbyte:\n${bin}.js\n\n/usr/local/bin:\nnode\n`);
  });

  it('no layer, configuration or history line contains the build secrets', async () => {
    const needles = secretNeedles();
    expect(needles.length, 'the build had no secret to look for (test-image.mjs gives it a canary)').toBeGreaterThan(0);
    const archive = join(work, 'image.tar');
    const needleFile = join(work, 'needles');
    await writeFile(needleFile, `${needles.join('\n')}\n`);
    await engineOutput(['save', '-o', archive, image]);
    // grep exits 1 when nothing matches; 0 (a match) fails the test with the lines it found.
    const found = await run('grep', ['-a', '-o', '-F', '-f', needleFile, archive]).then(
      ({ stdout }) => stdout,
      (error: unknown) => ((error as { code?: number }).code === 1 ? '' : `grep failed: ${String(error)}`),
    );
    expect(found).toBe('');
  });
});
