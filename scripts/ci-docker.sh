#!/usr/bin/env bash
# .ci/run's Docker step: `npm run test:docker` against a Docker engine. Where none answers and
# ../shared/docker-here exists (the sandboxes), it starts one, and stops only the engine it started.
set -euo pipefail
cd "$(dirname "$0")/.."
HERE=${DOCKER_HERE:-../shared/docker-here}   # the sandboxes keep shared/ beside the clone
STARTED_ENGINE=0
if ! docker info >/dev/null 2>&1; then
  if [ -x "$HERE/engine.sh" ]; then
    "$HERE/engine.sh" start
    STARTED_ENGINE=1
  else
    # Nothing can build or run an image here: say so loudly rather than fail the whole CI run.
    echo "ci-docker.sh: SKIPPED: no Docker engine answers and there is no $HERE to start one" >&2
    exit 0
  fi
fi
trap 'if [ "$STARTED_ENGINE" = 1 ]; then "$HERE/engine.sh" stop; fi' EXIT
scripts/docker-base-image.sh
npm run --silent test:docker -- "$@"
