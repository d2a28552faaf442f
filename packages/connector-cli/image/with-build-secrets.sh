#!/bin/sh
# Runs a build step with the image build's optional secrets (RUN --mount=type=secret puts them under /run/secrets
# for that one step only): `ca`, a PEM bundle that npm, pnpm and Node trust instead of their defaults (for a
# network that re-signs TLS), and `npmrc`, a whole .npmrc (a mirror, a private registry and its token).
set -eu
if [ -s /run/secrets/ca ]; then
  export npm_config_cafile=/run/secrets/ca NODE_EXTRA_CA_CERTS=/run/secrets/ca
fi
if [ -s /run/secrets/npmrc ]; then
  export npm_config_userconfig=/run/secrets/npmrc
fi
exec "$@"
