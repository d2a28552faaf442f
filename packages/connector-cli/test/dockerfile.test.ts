import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConnector } from '../image/connector.mjs';
import { renderDockerfile, renderDockerignore } from '../image/dockerfile.mjs';
import { readDockerfile, readKeyValues } from '../src/testing/dockerfile-instructions.js';

// The Dockerfile every connector gets (connector-image dockerfile), rendered for a toy connector and held to
// Airbyte's image contract by reading it. `connector-image test` checks the same by building and running an image.
const connector = readConnector(fileURLToPath(new URL('./fixtures/toy-image/', import.meta.url)));
const dockerfile = readDockerfile(renderDockerfile(connector));
const finalStage = Math.max(...dockerfile.map((i) => i.stage));
const final = dockerfile.filter((i) => i.stage === finalStage);
const last = (keyword: string) => final.filter((i) => i.keyword === keyword).at(-1);
const valuesOf = (keyword: string) =>
  Object.assign({}, ...final.filter((i) => i.keyword === keyword).map((i) => readKeyValues(i.args))) as Record<
    string,
    string
  >;

describe('readConnector', () => {
  it('reads the connector from its package directory: bin, bundle, version, image name, paths from the root', () => {
    expect(connector).toMatchObject({
      dir: 'packages/connector-cli/test/fixtures/toy-image',
      cliDir: 'packages/connector-cli',
      packageName: '@example/source-toy',
      bin: 'source-toy',
      bundle: 'dist/source-toy.js',
      tag: 'example/source-toy:4.5.6',
    });
  });
});

describe('renderDockerfile', () => {
  it("builds the connector's package in the workspace and copies only its bundle and Node into the runtime image", () => {
    const build = dockerfile.filter((i) => i.stage < finalStage && i.keyword === 'RUN').map((i) => i.args);
    expect(build.at(-1)).toBe('pnpm turbo run build --filter=@example/source-toy --output-logs=errors-only');
    expect(dockerfile.find((i) => i.keyword === 'COPY')?.args).toBe(
      'packages/connector-cli/image/with-build-secrets.sh /usr/local/bin/with-build-secrets',
    );
    expect(final.filter((i) => i.keyword === 'COPY').map((i) => i.args)).toEqual([
      '--from=node /usr/local/bin/node /usr/local/bin/node',
      '--from=build --chown=airbyte:airbyte /workspace/packages/connector-cli/test/fixtures/toy-image/dist/source-toy.js /airbyte/source-toy.js',
    ]);
  });

  it('runs the bundle by absolute paths, the same in ENTRYPOINT and AIRBYTE_ENTRYPOINT, as airbyte (uid 1000)', () => {
    expect(JSON.parse(last('ENTRYPOINT')?.args ?? 'null')).toEqual(['node', '/airbyte/source-toy.js']);
    expect(valuesOf('ENV').AIRBYTE_ENTRYPOINT).toBe('node /airbyte/source-toy.js');
    expect(last('USER')?.args).toBe('airbyte');
    expect(
      final
        .filter((i) => i.keyword === 'RUN')
        .map((i) => i.args)
        .join(' '),
    ).toMatch(/groupadd --gid 1000 airbyte .*useradd --uid 1000 --gid airbyte /);
  });

  it("labels the image with metadata.yaml's repository and the package version; the build hint names the same tag", () => {
    expect(valuesOf('LABEL')).toEqual({ 'io.airbyte.name': 'example/source-toy', 'io.airbyte.version': '4.5.6' });
    expect(renderDockerfile(connector)).toContain(
      'docker build -f packages/connector-cli/test/fixtures/toy-image/Dockerfile -t example/source-toy:4.5.6 .',
    );
  });

  it('leaves dependencies, builds and reports out of the build context', () => {
    expect(renderDockerignore(connector).split('\n')).toEqual(
      expect.arrayContaining(['**/node_modules', '**/dist', '**/*test-results.json', '.git']),
    );
  });
});
