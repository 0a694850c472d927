# Sourced by the bench/*.sh scripts, what they all set up: root (the repository), build
# (BUILD, default build/release), tinyperf (its CLI, which must be built), work (a scratch folder
# removed on exit), and model_with_copy.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD:-build/release}
tinyperf=$root/$build/bin/tinyperf

# require_built FILE...: exit 2 naming the first program that is not built.
require_built() {
  for f in "$@"; do
    [ -x "$f" ] || { echo "build $build first (make build): $f is missing" >&2; exit 2; }
  done
}
require_built "$tinyperf"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# model_with_copy NAME DATA: $work/NAME.safetensors is MODEL when set, else a model trained 3
# epochs on DATA; $work/copy/NAME.safetensors is a byte copy of it (the A/A twin).
model_with_copy() {
  mkdir -p "$work/copy"
  if [ -n "${MODEL:-}" ]; then
    cp "$MODEL" "$work/$1.safetensors"
  else
    echo "== training a model on $2 (3 epochs)" >&2
    "$tinyperf" train --data "$2" --epochs 3 --out "$work/$1.safetensors" >/dev/null 2>&1
  fi
  cp "$work/$1.safetensors" "$work/copy/$1.safetensors"
}
