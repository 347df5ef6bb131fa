#!/usr/bin/env bash
# Runs a HyperparameterSweep manifest on this machine with hypersweep's local mode: an embedded
# Kubernetes API, the operator, and each trial as a local process. Builds the operator and the
# example trainer first when they are missing or older than their sources.
#
#   k8s-examples/run-local.sh k8s-examples/quickstart.yaml [--namespace NS]
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 MANIFEST.yaml [--namespace NS]" >&2
  exit 2
fi
manifest=$(realpath "$1")
shift
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

stale() { # stale ARTIFACT SOURCES...: true when the artifact is missing or older than a source
  local artifact=$1
  shift
  [ ! -f "$artifact" ] || [ -n "$(find "$@" -newer "$artifact" -type f -print -quit)" ]
}

if stale target/quarkus-app/quarkus-run.jar src/main pom.xml; then
  echo "building the operator..." >&2
  ./mvnw -q -B package -DskipTests
fi
if stale k8s-examples/trainer/target/example-trainer.jar k8s-examples/trainer/src k8s-examples/trainer/pom.xml; then
  echo "building the example trainer..." >&2
  ./mvnw -q -B -f k8s-examples/trainer/pom.xml package -DskipTests
fi
# Trials run from the repository root, so manifests can name local commands relative to it.
exec java -jar target/quarkus-app/quarkus-run.jar local "$manifest" "$@"
