// The connector image's Dockerfile, one for every connector built with this package: rendered for a connector
// (`connector-image dockerfile` writes it beside its package.json, and its tests check that it still is this).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Dockerfile for `connector` (from readConnector). */
export function renderDockerfile(connector) {
  const { dir, cliDir, packageName, bin, bundle, repository, version } = connector;
  return `# syntax=docker/dockerfile:1
# The Airbyte image for ${bin}, written by \`connector-image dockerfile\` (@mb-airbyte/connector-cli).
# Change its template (${cliDir}/image/dockerfile.mjs), not this file.
# Build it from the repository root (the whole workspace is the context):
#   pnpm --filter ${packageName} run image    (docker or podman, whichever is present)
#   docker build -f ${dir}/Dockerfile -t ${repository}:${version} .
# Optional build secrets, mounted only while dependencies download and never written to a layer:
#   --secret id=ca,src=/path/to/ca.pem     a CA bundle npm, pnpm and Node trust (a TLS-intercepting proxy)
#   --secret id=npmrc,src=$HOME/.npmrc     a whole .npmrc (a private registry or mirror and its token)
# Without an image registry, build both bases from Debian packages first
# (${cliDir}/image/build-local-base.sh) and pass
#   --build-arg NODE_IMAGE=localhost/node:20-bookworm-slim --build-arg DEBIAN_IMAGE=localhost/debian:bookworm-slim
ARG NODE_IMAGE=node:20-bookworm-slim
ARG DEBIAN_IMAGE=debian:bookworm-slim

# The Node binary for the platform the image is for.
FROM \${NODE_IMAGE} AS node

# 1. Build, on the builder's own platform (the bundle is plain JavaScript): install from the lockfile and bundle the
# connector's command into one file.
FROM --platform=$BUILDPLATFORM \${NODE_IMAGE} AS build
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 CI=true
WORKDIR /workspace
COPY ${cliDir}/image/with-build-secrets.sh /usr/local/bin/with-build-secrets
RUN --mount=type=secret,id=ca --mount=type=secret,id=npmrc \\
  with-build-secrets npm install -g pnpm@12.4.2
# Manifests first: the dependency download is cached until the lockfile changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=secret,id=ca --mount=type=secret,id=npmrc --mount=type=cache,id=mb-airbyte-pnpm-store,target=/pnpm-store \\
  with-build-secrets pnpm fetch --store-dir /pnpm-store
COPY . .
RUN --mount=type=cache,id=mb-airbyte-pnpm-store,target=/pnpm-store \\
  pnpm install --frozen-lockfile --offline --store-dir /pnpm-store
RUN pnpm turbo run build --filter=${packageName} --output-logs=errors-only

# 2. Run: Debian's slim base (glibc, a shell) with the Node binary and the bundle, nothing else
# (no npm, corepack or headers: about 70 MB less than the node image), as the non-root user Airbyte's job pods use.
FROM \${DEBIAN_IMAGE}
RUN groupadd --gid 1000 airbyte \\
  && useradd --uid 1000 --gid airbyte --home-dir /airbyte --shell /usr/sbin/nologin airbyte \\
  && mkdir -p /airbyte \\
  && chown airbyte:airbyte /airbyte
COPY --from=node /usr/local/bin/node /usr/local/bin/node
WORKDIR /airbyte
COPY --from=build --chown=airbyte:airbyte /workspace/${dir}/${bundle} /airbyte/${bin}.js
ENV NODE_ENV=production
ENV AIRBYTE_ENTRYPOINT="node /airbyte/${bin}.js"
ENTRYPOINT ["node", "/airbyte/${bin}.js"]
LABEL io.airbyte.name="${repository}"
LABEL io.airbyte.version="${version}"
USER airbyte
`;
}

/** What the build leaves out of the context (BuildKit reads it beside the Dockerfile; podman gets --ignorefile). */
export function renderDockerignore(connector) {
  return `# Used for ${connector.dir}/Dockerfile (BuildKit finds it beside the Dockerfile; podman gets it as --ignorefile),
# written with it by \`connector-image dockerfile\`. The context is the repository root.
**/node_modules
**/dist
**/.turbo
**/.demo
**/.bench-tmp
**/coverage
**/*test-results.json
**/bench-results
**/*.tgz
.git
`;
}

/** Writes the Dockerfile and its .dockerignore into the connector's package directory; returns their paths. */
export function writeDockerfile(connector) {
  const files = [
    [join(connector.packageDir, 'Dockerfile'), renderDockerfile(connector)],
    [join(connector.packageDir, 'Dockerfile.dockerignore'), renderDockerignore(connector)],
  ];
  for (const [file, text] of files) writeFileSync(file, text);
  return files.map(([file]) => file);
}
