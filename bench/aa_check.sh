#!/usr/bin/env bash
# A/A check of tinyperf's harness on the real engine (docs/benchmarks.md, "Harness overhead").
# Trains a model with `tinyperf train`, then runs bench/aa_bench.cc: the same model on both sides,
# measured in shuffled interleaved rounds and compared, REPEATS times. Passes (exit 0) when
# faster/slower verdicts are at most REPEATS/20 (the spec's alpha = 0.05: 1 of 20), else exit 1.
#
#   bench/aa_check.sh                      # build/release, Fashion-MNIST, 20 repetitions
#   BUILD=build/h-measure DATA=synthetic REPEATS=20 ROUNDS=2000 SESSIONS=2 bench/aa_check.sh
#   MODEL=fmnist.safetensors SESSIONS=2 WARM=0 bench/aa_check.sh   # an existing model; no warm calls
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-build/release}
data=${DATA:-fashion-mnist}
repeats=${REPEATS:-20}
rounds=${ROUNDS:-2000}
sessions=${SESSIONS:-1}
swap=${SWAP:-0}
warm=${WARM:-1}
model=${MODEL:-}
cd "$root"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "$model" ]; then
  cmake --build "$build" --target aa_bench -j2 >/dev/null
  cp "$model" "$work/model.safetensors"
else
  cmake --build "$build" --target aa_bench tinyperf_cli -j2 >/dev/null
  echo "== training a model on $data (1 epoch; the A/A test needs a real model, not a good one)" >&2
  "$build/bin/tinyperf" train --data "$data" --hidden 256,128 --epochs 1 --seed 42 \
    --out "$work/model.safetensors" >&2
fi

echo "== A/A: $repeats repetitions of $rounds interleaved rounds, sessions=$sessions, swap=$swap, warm calls per round=$warm" >&2
TINYPERF_AA_MODEL="$work/model.safetensors" TINYPERF_AA_DATA="$data" \
TINYPERF_AA_REPEATS="$repeats" TINYPERF_AA_ROUNDS="$rounds" TINYPERF_AA_SESSIONS="$sessions" TINYPERF_AA_SWAP="$swap" TINYPERF_AA_WARM="$warm" \
  "$build/bench/aa_bench" --benchmark_format=json >"$work/aa.json"

python3 - "$work/aa.json" "$repeats" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["benchmarks"][0]
if run.get("error_occurred"):
    sys.exit(f"aa_bench failed: {run.get('error_message')}")
repeats = int(sys.argv[2])
counts = {k: int(run[k]) for k in ("faster", "slower", "no_change", "inconclusive")}
wrong = counts["faster"] + counts["slower"]
allowed = repeats // 20
print(f"A/A on the engine: {counts} over {repeats} repetitions "
      f"(median latency {run['latency_ns']:.0f} ns, {int(run['rounds'])} rounds each)")
print(f"faster/slower: {wrong} (allowed: {allowed}) -> {'PASS' if wrong <= allowed else 'FAIL'}")
sys.exit(0 if wrong <= allowed else 1)
PY
