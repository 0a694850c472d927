#!/usr/bin/env bash
# Installs every system package tinyperf needs, and nothing else. Idempotent: when every package is
# already installed it does nothing (no apt-get update, no network). The only place apt-get appears.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git python3
  nlohmann-json3-dev libcli11-dev libfmt-dev libboost-math-dev
  libdnnl-dev ocl-icd-opencl-dev zlib1g-dev libsqlite3-dev
  libpq-dev postgresql
  libgtest-dev libgmock-dev libbenchmark-dev
  python3-jsonschema
  dataset-fashion-mnist
  chromium
  clang libclang-rt-14-dev
  libeigen3-dev
  ccache
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
