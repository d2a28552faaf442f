import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDockerfile, readKeyValues } from '@mb-airbyte/connector-cli/testing';

// These hold the Dockerfile to Airbyte's image contract by reading it, so `pnpm test` needs no container engine.
// `pnpm test:image` (test-image/) builds the image and checks the same contract, and the protocol, by running it.
const here = new URL('../', import.meta.url);
const dockerfile = readDockerfile(readFileSync(new URL('Dockerfile', here), 'utf8'));
const packageJson = JSON.parse(readFileSync(new URL('package.json', here), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};
const metadata = parse(readFileSync(new URL('metadata.yaml', here), 'utf8')) as { data: Record<string, unknown> };
const finalStage = Math.max(...dockerfile.map((i) => i.stage));
const final = dockerfile.filter((i) => i.stage === finalStage);
const last = (keyword: string) => final.filter((i) => i.keyword === keyword).at(-1);
const labels = Object.assign(
  {},
  ...final.filter((i) => i.keyword === 'LABEL').map((i) => readKeyValues(i.args)),
) as Record<string, string>;
const env = Object.assign({}, ...final.filter((i) => i.keyword === 'ENV').map((i) => readKeyValues(i.args))) as Record<
  string,
  string
>;

describe('Dockerfile', () => {
  it('builds on node:20-bookworm-slim and runs on debian:bookworm-slim, each replaceable by a build argument', () => {
    const args = Object.assign(
      {},
      ...dockerfile.filter((i) => i.keyword === 'ARG' && i.stage < 0).map((i) => readKeyValues(i.args)),
    ) as Record<string, string>;
    expect(args).toEqual({ NODE_IMAGE: 'node:20-bookworm-slim', DEBIAN_IMAGE: 'debian:bookworm-slim' });
    const froms = dockerfile.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    // The bundle is built on the builder's platform; the Node binary comes from the target platform's node image.
    expect(froms).toEqual([
      '${NODE_IMAGE} AS node',
      '--platform=$BUILDPLATFORM ${NODE_IMAGE} AS build',
      '${DEBIAN_IMAGE}',
    ]);
    const build = dockerfile.filter((i) => i.stage < finalStage && i.keyword === 'RUN').map((i) => i.args);
    expect(build.join('\n')).toContain('npm install -g pnpm@12.4.2');
    expect(build.join('\n')).toContain('pnpm install --frozen-lockfile');
  });

  it('gives the optional ca and npmrc secrets only to the steps that download, and none to the runtime image', () => {
    const downloads = dockerfile.filter((i) => i.keyword === 'RUN' && /npm install -g|pnpm fetch/.test(i.args));
    expect(downloads).toHaveLength(2);
    for (const step of downloads) {
      expect(step.args).toContain('--mount=type=secret,id=ca --mount=type=secret,id=npmrc');
      expect(step.args).toContain('with-build-secrets ');
    }
    expect(final.map((i) => i.args).join('\n')).not.toMatch(/secret|npmrc|NODE_EXTRA_CA_CERTS/);
  });

  it('sets ENTRYPOINT with absolute paths and AIRBYTE_ENTRYPOINT to the same command', () => {
    const entrypoint = JSON.parse(last('ENTRYPOINT')?.args ?? 'null') as string[];
    expect(entrypoint).toEqual(['node', '/airbyte/source-metabase.js']);
    expect(env.AIRBYTE_ENTRYPOINT).toBe(entrypoint.join(' '));
    expect(entrypoint[1]?.startsWith('/')).toBe(true);
  });

  it('copies only the Node binary and the bundled CLI into the runtime image, where the entrypoint runs it', () => {
    const copies = final.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toEqual([
      '--from=node /usr/local/bin/node /usr/local/bin/node',
      expect.stringMatching(
        /^--from=build --chown=airbyte:airbyte \S+\/apps\/cli\/dist\/source-metabase\.js \/airbyte\/source-metabase\.js$/,
      ),
    ]);
    expect(packageJson.bin['source-metabase']).toBe('./dist/source-metabase.js');
  });

  it('runs as the non-root user airbyte (uid and gid 1000, as Airbyte job pods run) with /airbyte owned by it', () => {
    expect(last('USER')?.args).toBe('airbyte');
    const setup = final
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join(' && ');
    expect(setup).toMatch(/groupadd --gid 1000 airbyte .*useradd --uid 1000 --gid airbyte /);
    expect(setup).toContain('chown airbyte:airbyte /airbyte');
    expect(last('WORKDIR')?.args).toBe('/airbyte');
  });

  it('labels the image with the name and the CLI version, as metadata.yaml does', () => {
    expect(labels['io.airbyte.version']).toBe(packageJson.version);
    expect(labels['io.airbyte.name']).toBe(metadata.data.dockerRepository);
  });
});

describe('metadata.yaml', () => {
  it('is an Airbyte source entry whose image tag moves with the CLI version', () => {
    expect(metadata.data).toMatchObject({
      connectorType: 'source',
      dockerImageTag: packageJson.version,
      dockerRepository: 'mb-airbyte/source-metabase',
    });
    expect(metadata.data.releaseStage).toMatch(/^(alpha|beta|generally_available|custom)$/);
    expect(metadata.data.documentationUrl).toMatch(/^https:\/\//);
    expect(metadata.data.definitionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
