#!/usr/bin/env bash
# A/A of `tinyperf compare` across processes (docs/benchmarks.md, "One run per side"): runs the
# batch-1 MLP benchmark of engine_bench (bench/engine_bench.cc: BM_MlpFast/1, fixed weights, so every process
# times the same model) in 2 x PAIRS separate processes, each with REPS repetitions, then
#   - compares each pair A_i B_i as one run per side, with the assumed between-run spread (the
#     default) and with --run-spread 0 (the within-run verdict alone, what compare did before);
#   - compares all A runs with all B runs at the run level (--baseline A... --candidate B...);
#   - prints the spread of the process medians (the between-run cv on this machine).
# Every comparison is of identical code, so each faster/slower is a false verdict; the rule allows
# 1 in 20. Exit 1 when the default single-run comparison breaks it.
#
#   bench/compare_aa.sh                 # 20 pairs, 20 repetitions of 0.05 s each
#   PAIRS=10 REPS=10 bench/compare_aa.sh
set -euo pipefail

. "$(dirname "$0")/common.sh"
pairs=${PAIRS:-20}
reps=${REPS:-20}
engine_bench=$root/$build/bench/engine_bench
require_built "$engine_bench"
name='BM_MlpFast/1'

one() {
  "$engine_bench" --benchmark_filter="^BM_MlpFast/1\$" --benchmark_repetitions="$reps" \
    --benchmark_min_time=0.05 --benchmark_out="$1" --benchmark_out_format=json >/dev/null 2>&1
}
start=$(date +%s.%N)
for i in $(seq 1 "$pairs"); do
  one "$work/a$i.json"
  one "$work/b$i.json"
done
end=$(date +%s.%N)
for i in $(seq 1 "$pairs"); do
  "$tinyperf" compare "$work/a$i.json" "$work/b$i.json" --benchmark "$name" --unit us --fail-on never \
    --json >"$work/c$i.json"
  "$tinyperf" compare "$work/a$i.json" "$work/b$i.json" --benchmark "$name" --unit us --fail-on never \
    --run-spread 0 --json >"$work/w$i.json"
done
a_files=() b_files=()
for i in $(seq 1 "$pairs"); do a_files+=("$work/a$i.json"); b_files+=("$work/b$i.json"); done
"$tinyperf" compare --baseline "${a_files[@]}" --candidate "${b_files[@]}" --benchmark "$name" --unit us \
  --fail-on never --json >"$work/runs.json"

python3 - "$work" "$pairs" "$start" "$end" <<'PY'
import json, math, statistics, sys
work, pairs, start, end = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
false_default = false_within = 0
ratios, lows, highs = [], [], []
for i in range(1, pairs + 1):
    c = json.load(open(f"{work}/c{i}.json"))
    w = json.load(open(f"{work}/w{i}.json"))
    false_default += c["verdict"] in ("faster", "slower")
    false_within += w["verdict"] in ("faster", "slower")
    ratios.append(c["speedup"])
    lows.append(c["speedup_ci95"][0]); highs.append(c["speedup_ci95"][1])
    print(f"pair {i:2}: speedup {c['speedup']:.3f}x  within the run {w['verdict']:12} "
          f"(95% CI {w['speedup_ci95'][0]:.3f}-{w['speedup_ci95'][1]:.3f}x)  "
          f"one run per side {c['verdict']:12} (95% CI {c['speedup_ci95'][0]:.3f}-"
          f"{c['speedup_ci95'][1]:.3f}x)")
r = json.load(open(f"{work}/runs.json"))
medians = [x["median"] for x in r["baseline"]["runs"] + r["candidate"]["runs"]]
logs = [math.log(m) for m in medians]
cv = math.sqrt(math.exp(statistics.stdev(logs) ** 2) - 1)
print(f"process medians ({len(medians)} processes, {r['unit']}): {min(medians):.2f}-"
      f"{max(medians):.2f}, cv {100 * cv:.1f} %, max/min {max(medians) / min(medians):.3f}")
print(f"speedups of the pairs: {min(ratios):.3f}x-{max(ratios):.3f}x")
print(f"one run per side, within-run verdict (--run-spread 0): {false_within}/{pairs} false")
print(f"one run per side, assumed spread (default):           {false_default}/{pairs} false")
print(f"all runs (--baseline {pairs} files --candidate {pairs} files): {r['speedup']:.3f}x "
      f"(95% CI {r['speedup_ci95'][0]:.3f}-{r['speedup_ci95'][1]:.3f}x), verdict {r['verdict']}, "
      f"between-run spread {100 * r['run_to_run_cv']:.1f} %, "
      f"detectable (80 %) {100 * r['detectable_change_80']:.1f} %")
print(f"wall time of the {2 * pairs} processes: {end - start:.1f} s")
sys.exit(1 if false_default > pairs / 20 else 0)
PY
