#!/usr/bin/env bash
# A/A and A/B of `tinyperf bench` across processes (docs/benchmarks.md, "Verdicts over runs"):
# trains a model (or takes MODEL), makes a byte copy and its INT8 quantization, then runs
#   tinyperf bench model copy/model int8 BENCH_FLAGS --json
# REPEATS times. Each bench measures every file in its own worker processes. Prints one line per
# bench and a summary: how often the copy was called faster/slower (the A/A false-verdict rate;
# the rule allows REPEATS/20), how often INT8 was called faster (must be every time), the
# between-run spread, the wall time of a bench and the cost of one worker. Exit 1 when the A/A
# rate is above 1 in 20 or INT8 was not faster every time.
#
#   bench/bench_aa.sh                          # build/release, Fashion-MNIST, 20 default benches
#   REPEATS=20 BENCH_FLAGS=--quick bench/bench_aa.sh
#   MODEL=my.safetensors DATA=synthetic bench/bench_aa.sh
set -euo pipefail

. "$(dirname "$0")/common.sh"
data=${DATA:-fashion-mnist}
repeats=${REPEATS:-20}
flags=${BENCH_FLAGS:-}
model_with_copy mlp "$data"
"$tinyperf" quantize "$work/mlp.safetensors" --data "$data" --out "$work/mlp_int8.safetensors" \
  >/dev/null 2>&1

for i in $(seq 1 "$repeats"); do
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$tinyperf" bench "$work/mlp.safetensors" "$work/copy/mlp.safetensors" \
    "$work/mlp_int8.safetensors" --data "$data" --seed "$i" --out "$work/out" $flags --json \
    >"$work/bench$i.json" 2>/dev/null
  end=$(date +%s.%N)
  echo "$start $end" >"$work/time$i"
done

python3 - "$work" "$repeats" <<'PY'
import json, statistics, sys
work, repeats = sys.argv[1], int(sys.argv[2])
aa_false = int8_faster = 0
walls, spreads, workers, loads, firsts = [], [], [], [], []
for i in range(1, repeats + 1):
    d = json.load(open(f"{work}/bench{i}.json"))
    start, end = map(float, open(f"{work}/time{i}").read().split())
    walls.append(end - start)
    aa, ab = d["comparisons"]
    aa_false += aa["verdict"] in ("faster", "slower")
    int8_faster += ab["verdict"] == "faster"
    spreads.append(aa["between_run_cv"])
    for m in d["models"]:
        for r in m["runs"]:
            workers.append(r["worker_seconds"]); loads.append(r["load_ms"])
            firsts.append(r["first_inference_ms"])
    print(f"bench {i:2d}: copy {aa['speedup']:.3f}x {aa['verdict']:<12} "
          f"[{aa['speedup_ci95'][0]:.3f}, {aa['speedup_ci95'][1]:.3f}]  "
          f"int8 {ab['speedup']:.2f}x {ab['verdict']:<8} between-run spread "
          f"{100 * aa['between_run_cv']:.1f} %, {end - start:.1f} s")
runs = d["settings"]["runs"]
print(f"\nA/A (copy vs model): faster/slower {aa_false} of {repeats} (allowed {repeats // 20})")
print(f"A/B (INT8 vs fp32): faster {int8_faster} of {repeats}")
print(f"between-run spread (pooled cv of log run medians): median "
      f"{100 * statistics.median(spreads):.1f} %, max {100 * max(spreads):.1f} %")
print(f"bench of 3 models x {runs} runs: median {statistics.median(walls):.1f} s "
      f"(min {min(walls):.1f}, max {max(walls):.1f})")
print(f"one worker (spawn to exit, incl. its measurements): median "
      f"{statistics.median(workers):.3f} s; load {statistics.median(loads):.2f} ms, first "
      f"inference {statistics.median(firsts):.3f} ms")
sys.exit(0 if aa_false <= repeats // 20 and int8_faster == repeats else 1)
PY
