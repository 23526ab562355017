#!/usr/bin/env bash
# Makes sure the Dockerfile's base image, node:26-bookworm-slim, is present: already there, pulled, or,
# where no image registry can be reached, built with ../shared/docker-here (when that tool exists).
# docker-here's own Node 26 stand-in does not build (its Debian minbase lacks libatomic1): then
# docker/node-stand-in builds one from docker-here's node:24 stand-in.
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=node:26-bookworm-slim
HERE=${DOCKER_HERE:-../shared/docker-here}   # the sandboxes keep shared/ beside the clone

docker image inspect "$IMAGE" >/dev/null 2>&1 && exit 0
timeout 120 docker pull "$IMAGE" >/dev/null 2>&1 && exit 0
[ -x "$HERE/base-image.sh" ] || { echo "docker-base-image.sh: cannot pull $IMAGE and there is no $HERE" >&2; exit 1; }
"$HERE/base-image.sh" 26 bookworm && exit 0
echo "docker-base-image.sh: building $IMAGE from docker-here's node:24 stand-in (docker/node-stand-in)"
"$HERE/base-image.sh" 24 bookworm
docker build --network host -t kognito-node-stand-in docker/node-stand-in
VERSION=$(docker run --rm --network none kognito-node-stand-in node -p process.versions.node)
CONTAINER=$(docker create kognito-node-stand-in)
docker export "$CONTAINER" | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$VERSION" \
  --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
  --change 'CMD ["node"]' \
  - "$IMAGE" >/dev/null
docker rm "$CONTAINER" >/dev/null
docker rmi kognito-node-stand-in >/dev/null
echo "docker-base-image.sh: built $IMAGE (Node $VERSION) from docker-here's node:24 stand-in"
