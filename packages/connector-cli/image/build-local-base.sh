#!/usr/bin/env bash
# Builds stand-ins for the connector image's two bases where no image registry is reachable:
#   localhost/debian:bookworm-slim   Debian bookworm minbase made with mmdebstrap from Debian's packages, slimmed as
#                                    Debian's own -slim images are (no manuals, documentation or translations)
#   localhost/node:20-bookworm-slim  the same with this machine's Node.js 20 laid out in /usr/local as the official
#                                    node image lays it out (node, npm, npx, corepack, headers) and its `node` user
#                                    (uid/gid 1000); unlike the official image it has no yarn and no entrypoint script
#
#   packages/connector-cli/image/build-local-base.sh
#
# Needs root, mmdebstrap (apt-get install mmdebstrap) and a Debian mirror (DEBIAN_MIRROR, default deb.debian.org).
# NODE picks another Node 20 binary; CONTAINER_ENGINE picks docker or podman.
set -euo pipefail
mirror="${DEBIAN_MIRROR:-http://deb.debian.org}"
node="$(readlink -f "${NODE:-$(command -v node)}")"
engine="${CONTAINER_ENGINE:-$(node "$(dirname "$0")/container-engine.mjs")}"
version="$("$node" -p process.versions.node)"
[ "${version%%.*}" = 20 ] || { echo "Node 20 needed, found $version at $node" >&2; exit 1; }
command -v mmdebstrap >/dev/null || { echo "mmdebstrap not found: apt-get install -y mmdebstrap" >&2; exit 1; }
prefix="$(dirname "$(dirname "$node")")"
[ -d "$prefix/lib/node_modules/npm" ] || { echo "npm not found beside $node (looked in $prefix/lib/node_modules)" >&2; exit 1; }

rootfs="$(mktemp -d)"
log="$(mktemp)"
trap 'rm -rf "$rootfs" "$log"' EXIT
mmdebstrap --quiet --variant=minbase --mode=root --format=directory \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  bookworm "$rootfs" \
  "deb $mirror/debian bookworm main" \
  "deb $mirror/debian bookworm-updates main" \
  "deb $mirror/debian-security bookworm-security main" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }

# import_rootfs TAG [--change INSTRUCTION]...: the root filesystem as one image layer.
import_rootfs() {
  local tag="$1"
  shift
  local output
  if ! output="$(tar --numeric-owner -C "$rootfs" -c . | "$engine" import "$@" \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" 2>&1)"; then
    echo "$output" >&2
    return 1
  fi
  echo "$tag: $("$engine" image inspect --format '{{.Size}}' "$tag") bytes"
}
import_rootfs localhost/debian:bookworm-slim --change 'CMD ["bash"]' \
  --change 'LABEL org.opencontainers.image.description="Debian bookworm-slim built from Debian packages"'

usr_local="$rootfs/usr/local"
mkdir -p "$usr_local/bin" "$usr_local/lib/node_modules" "$usr_local/include"
cp "$node" "$usr_local/bin/node"
for module in npm corepack; do
  [ -d "$prefix/lib/node_modules/$module" ] && cp -a "$prefix/lib/node_modules/$module" "$usr_local/lib/node_modules/"
done
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$usr_local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$usr_local/bin/npx"
[ -d "$usr_local/lib/node_modules/corepack" ] && ln -s ../lib/node_modules/corepack/dist/corepack.js "$usr_local/bin/corepack"
[ -d "$prefix/include/node" ] && cp -a "$prefix/include/node" "$usr_local/include/"
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
chroot "$rootfs" node --version >/dev/null
import_rootfs localhost/node:20-bookworm-slim --change "ENV NODE_VERSION=$version" --change 'CMD ["node"]' \
  --change "LABEL org.opencontainers.image.description=\"Debian bookworm-slim built from Debian packages with Node.js $version\""
