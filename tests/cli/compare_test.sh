# tinyperf compare: the verdict, the regression gate's exit codes, per-side flags, the --json
# contract, and bad input (exit 2, one line on stderr naming the file or flag).
. "$(dirname "$0")/lib.sh"

KEYS="{'mode', 'baseline', 'candidate', 'speedup', 'speedup_ci95', 'p_value', 'verdict', \
'between_run_cv', 'between_run_cv_source', 'between_run_cv_stored_runs', 'within_run', 'welch_p_value', 'hodges_lehmann_shift', \
'cohens_d', 'required_runs', 'settings', 'gate_failed', 'unit'}"

# A clear regression within one run: baseline 10.00..10.19 ms, candidate 12.00..12.19 ms (20 runs
# each, shuffled). speedup = median ratio 10.095 / 12.095; every candidate value is larger, so
# Mann-Whitney's U = 0. --run-spread 0 judges by the within-run interval alone.
run compare data/base.txt data/slow.txt --run-spread 0 --json
assert_rc 1 "regression fails the default gate (--fail-on slower)"
assert_json "set(d) == $KEYS" "compare --json keys"
assert_json "d['mode'] == 'one_run' and d['between_run_cv'] == 0 and d['between_run_cv_source'] == 'given'"
assert_json "d['verdict'] == 'slower' and d['gate_failed'] is True"
assert_json "close(d['speedup'], 10.095 / 12.095, 1e-12)"
assert_json "d['speedup_ci95'][0] <= d['speedup'] <= d['speedup_ci95'][1] and d['speedup_ci95'][1] < 0.99"
assert_json "d['speedup_ci95'] == d['within_run']['speedup_ci95'] and d['p_value'] == d['within_run']['p_value']"
assert_json "d['p_value'] < 1e-6 and d['welch_p_value'] < 1e-6"
assert_json "close(d['hodges_lehmann_shift'], 2.0, 1e-9) and d['cohens_d'] > 10"
assert_json "d['baseline']['count'] == 20 and close(d['baseline']['median'], 10.095) and close(d['candidate']['median'], 12.095)"
assert_json "d['settings'] == {'alpha': 0.05, 'noise': 0.01, 'resamples': 10000, 'seed': 2119655149, 'paired': False, 'fail_on': 'slower', 'required_runs_delta': 0.01, 'run_spread': 0.0}"
assert_json "isinstance(d['required_runs'], int) and d['required_runs'] >= 2"

# The same files with the default: one run per side cannot see the spread between runs, so a
# 16 % slowdown is within what an assumed 10 % spread between runs explains: inconclusive at the
# run level, the gate passes, the within-run verdict is kept beside it. Reference: se of two runs
# = sqrt(2 ln(1.01)) = 0.1411 (runs.h), so the interval is about 0.835 x exp(-+1.96 x 0.141).
run compare data/base.txt data/slow.txt --json
assert_rc 0 "one run per side: a 16 % slowdown does not fail the gate"
assert_json "d['verdict'] == 'inconclusive' and d['gate_failed'] is False"
assert_json "d['within_run']['verdict'] == 'slower' and d['within_run']['p_value'] < 1e-6"
assert_json "d['between_run_cv'] == 0.1 and d['between_run_cv_source'] == 'assumed'"
assert_json "close(d['speedup_ci95'][0], 0.835 * 0.7586, 0.01) and close(d['speedup_ci95'][1], 0.835 * 1.3183, 0.01)"
assert_json "d['p_value'] > 0.05 and d['settings']['run_spread'] == 0.1"
run compare data/base.txt data/slow.txt
assert_rc 0 "human output, one run per side"
assert_stdout_has "within this run: p = 6.8e-08 (Mann-Whitney U)"
assert_stdout_has "verdict: slower"
assert_stdout_has "one run per side: the spread between runs is unseen; allowing 10.0 %"
assert_stdout_has "verdict: inconclusive"
assert_stdout_has "hint: the within-run verdict (slower) is within what the spread between runs could explain;"
assert_stdout_has "gate (--fail-on slower): passed, exit 0"
# A measured spread of 1 % (--run-spread 0.01): the 16 % slowdown is called again.
run compare data/base.txt data/slow.txt --run-spread 0.01 --json
assert_rc 1 "a stated 1 % spread between runs"
assert_json "d['verdict'] == 'slower' and d['between_run_cv'] == 0.01 and d['between_run_cv_source'] == 'given'"

run compare data/base.txt data/slow.txt --run-spread 0 --fail-on never
assert_rc 0 "--fail-on never never fails"
assert_stdout_has "candidate is slower than baseline: speedup 0.835x"
assert_stdout_has "verdict: slower"
assert_stdout_has "spread between runs taken as 0 (--run-spread 0)"
assert_stdout_has "gate: off (--fail-on never), exit 0"

run compare data/base.txt data/slow.txt --run-spread 0
assert_rc 1 "human output of a failed gate"
assert_stdout_has "gate (--fail-on slower): FAILED, exit 1"

run compare data/base.txt data/slow.txt --run-spread 0 --fail-on change
assert_rc 1 "--fail-on change catches a slowdown"
run compare data/base.txt data/slow.txt --run-spread 0 --fail-on faster
assert_rc 0 "--fail-on faster ignores a slowdown"

# The other direction: a speedup fails only --fail-on faster / change.
run compare data/slow.txt data/base.txt --run-spread 0
assert_rc 0 "a speedup passes the default gate"
assert_stdout_has "candidate is 1.198x faster than baseline"
assert_stdout_has "verdict: faster"
run compare data/slow.txt data/base.txt --run-spread 0 --fail-on faster --json
assert_rc 1 "--fail-on faster catches a speedup"
assert_json "d['verdict'] == 'faster' and d['gate_failed'] is True"

# Identical samples: no change (or inconclusive), never a failed gate.
run compare data/base.txt data/base.txt --fail-on change --json
assert_rc 0 "identical samples"
assert_json "d['verdict'] in ('no_change', 'inconclusive') and d['speedup'] == 1 and d['p_value'] == 1"

# The same seed gives the same interval; another seed another one (the interval is a bootstrap).
run compare data/base.txt data/slow.txt --json --seed 1
cp "$OUT" "$TMP/seed1.json"
run compare data/base.txt data/slow.txt --json --seed 1
if cmp -s "$OUT" "$TMP/seed1.json"; then pass; else fail "same seed, different output"; fi
assert_json "d['settings']['seed'] == 1"

# Both sides of one submission: baseline 11 ms, optimized 5.5 ms median: speedup exactly 2, which
# stays faster with the assumed 10 % spread between runs.
run compare data/submission.json data/submission.json --baseline-side baseline --candidate-side optimized --json
assert_rc 0 "submission sides"
assert_json "d['speedup'] == 2 and d['verdict'] == 'faster' and d['speedup_ci95'][0] > 1.3"
run compare data/submission.json data/submission.json --candidate-side optimized --paired --json
assert_rc 0 "paired sides"
assert_json "d['settings']['paired'] is True and d['speedup'] == 2"

# Two benchmarks of one Google Benchmark file: 3 and 2 repetitions are too few for p < 0.05
# (exact Mann-Whitney: the smallest two-sided p is 2 / C(5, 2) = 0.2), so inconclusive, exit 0,
# with the hint on required runs.
run compare data/gbench.json data/gbench.json --baseline-benchmark BM_Matmul/64/repeats:3 \
  --candidate-benchmark BM_Relu/64/repeats:2 --run-spread 0
assert_rc 0 "inconclusive passes the gate"
assert_stdout_has "verdict: inconclusive"
assert_stdout_has "hint: inconclusive; about"
run compare data/gbench.json data/gbench.json --baseline-benchmark BM_Matmul/64/repeats:3 \
  --candidate-benchmark BM_Relu/64/repeats:2 --run-spread 0 --json
assert_json "close(d['p_value'], 0.2) and d['verdict'] == 'inconclusive'"

# hyperfine against plain text: units are converted before comparing (both in ms).
run compare data/hyperfine.json data/five.txt --json
assert_rc 0 "mixed formats"
assert_json "close(d['speedup'], 200 / 3) and d['baseline']['format'] == 'hyperfine' and d['mode'] == 'one_run'"

# Two hyperfine results: each value is one process, so they are compared as runs. Reference:
# the ratio of geometric means (100 x 200 x 300)^(1/3) / (250 x 500)^(1/2) ms, 3 + 2 - 2 = 3 df.
run compare data/hyperfine.json data/hyperfine.json --baseline-benchmark "sleep 0.1" \
  --candidate-benchmark "sleep 0.2" --json
assert_rc 0 "hyperfine against hyperfine"
assert_json "d['mode'] == 'runs' and d['degrees_of_freedom'] == 3"
assert_json "close(d['speedup'], 6e6 ** (1 / 3) / 125000 ** 0.5, 1e-9)"
assert_json "len(d['baseline']['runs']) == 3 and len(d['candidate']['runs']) == 2"
assert_json "'each of its values is one run' in d['warnings'][0]"
run compare data/hyperfine.json data/hyperfine.json --baseline-benchmark "sleep 0.1" \
  --candidate-benchmark "sleep 0.2"
assert_stdout_has "(t-test on log run medians, 3 df), verdict: inconclusive"
assert_stdout_has "warning: hyperfine runs each command in its own process"
expect_bad_input "--run-spread" compare data/hyperfine.json data/hyperfine.json \
  --baseline-benchmark "sleep 0.1" --candidate-benchmark "sleep 0.2" --run-spread 0.1

run compare data/base.txt data/slow.txt --noise 5% --alpha 1% --run-spread 2% --fail-on never --json
assert_rc 0 "percentages"
assert_json "d['settings']['noise'] == 0.05 and d['settings']['alpha'] == 0.01 and d['between_run_cv'] == 0.02"

# --- compare --baseline F1 F2 ... --candidate G1 G2 ...: one file per run, compared run by run.
# Six runs per side written here: baseline medians 10.0, 10.2, ... (spread ~1 %), candidate 20 %
# slower; each run holds 9 samples around its median.
python3 - "$TMP" <<'PY'
import sys
tmp = sys.argv[1]
for side, scale in (("a", 1.0), ("b", 1.2), ("c", 1.0)):
    for i in range(6):
        level = scale * (10.0 + 0.2 * ((i * 7 + (side == "c")) % 6 - 2.5) / 2.5)
        with open(f"{tmp}/run_{side}{i}.txt", "w") as f:
            f.write("\n".join(str(level * (1 + 0.001 * (k - 4))) for k in range(9)) + "\n")
PY
A_RUNS=("$TMP"/run_a*.txt) B_RUNS=("$TMP"/run_b*.txt) C_RUNS=("$TMP"/run_c*.txt)
RUNKEYS="{'mode', 'baseline', 'candidate', 'speedup', 'speedup_ci95', 'p_value', 't_statistic', \
'degrees_of_freedom', 'run_to_run_cv', 'detectable_change', 'detectable_change_80', 'verdict', \
'gate_failed', 'unit', 'warnings', 'settings'}"
run compare --baseline "${A_RUNS[@]}" --candidate "${B_RUNS[@]}" --json
assert_rc 1 "six runs per side, 20 % slower: the gate fails"
assert_json "set(d) == $RUNKEYS" "compare --baseline/--candidate --json keys"
assert_json "d['mode'] == 'runs' and d['verdict'] == 'slower' and d['degrees_of_freedom'] == 10"
assert_json "close(d['speedup'], 1 / 1.2, 1e-9)" "the ratio of geometric means of the run medians"
assert_json "len(d['baseline']['runs']) == 6 and d['baseline']['runs'][0]['count'] == 9"
assert_json "0.005 < d['run_to_run_cv'] < 0.02 and d['detectable_change_80'] > d['detectable_change'] > 0"
run compare --baseline "${A_RUNS[@]}" --candidate "${B_RUNS[@]}"
assert_stdout_has "baseline:  6 runs"
assert_stdout_has "(t-test on log run medians, 10 df), verdict: slower"
assert_stdout_has "between-run spread"
assert_stdout_has "gate (--fail-on slower): FAILED, exit 1"
# The same level in other runs: no verdict, the gate passes.
run compare --baseline "${A_RUNS[@]}" --candidate "${C_RUNS[@]}" --fail-on change --json
assert_rc 0 "A/A over runs"
assert_json "d['verdict'] in ('no_change', 'inconclusive') and d['gate_failed'] is False"
# One run each is too few (no estimate of the spread between runs).
expect_bad_input "3 runs" compare --baseline "${A_RUNS[0]}" --candidate "${B_RUNS[0]}"
expect_bad_input "--candidate" compare --baseline "${A_RUNS[@]}"
expect_bad_input "not both" compare data/base.txt data/slow.txt --baseline "${A_RUNS[@]}" --candidate "${B_RUNS[@]}"
expect_bad_input "--run-spread" compare --baseline "${A_RUNS[@]}" --candidate "${B_RUNS[@]}" --run-spread 0.1
expect_bad_input "--paired" compare --baseline "${A_RUNS[@]}" --candidate "${B_RUNS[@]}" --paired
expect_bad_input "data/empty.txt" compare --baseline "${A_RUNS[@]}" data/empty.txt --candidate "${B_RUNS[@]}"

# Bad input and usage: exit 2, nothing on stdout, one line on stderr naming the file or flag.
bad_usage() {  # MENTIONED ARGS...
  expect_bad_input "$1" compare "${@:2}"
}
bad_usage "--alpha" data/base.txt data/slow.txt --alpha 2
bad_usage "--alpha" data/base.txt data/slow.txt --alpha 0
bad_usage "--noise" data/base.txt data/slow.txt --noise -0.5
bad_usage "--fail-on" data/base.txt data/slow.txt --fail-on sometimes
bad_usage "--seed" data/base.txt data/slow.txt --seed -1
bad_usage "--resamples" data/base.txt data/slow.txt --resamples 100
bad_usage "--frobnicate" data/base.txt data/slow.txt --frobnicate
bad_usage "CANDIDATE is required" data/base.txt
bad_usage "data/single.txt" data/single.txt data/base.txt
bad_usage "at least 2 values" data/base.txt data/single.txt
bad_usage "data/empty.txt" data/base.txt data/empty.txt
bad_usage "data/words.txt" data/words.txt data/base.txt
bad_usage "data/nan.txt" data/base.txt data/nan.txt
bad_usage "data/missing.txt" data/base.txt data/missing.txt
bad_usage "data/malformed.json" data/malformed.json data/base.txt
bad_usage "data/capstone.json" data/capstone.json data/submission.json
bad_usage "--paired" data/base.txt data/five.txt --paired
bad_usage "--format" data/base.txt data/slow.txt --format xml
bad_usage "--run-spread" data/base.txt data/slow.txt --run-spread -0.1
# Relative flags are fractions or percentages; a number that only makes sense as a percentage is
# refused with what to write instead (--noise 5 used to mean a band of +-500 %).
bad_usage "--noise: must be a fraction in [0, 0.5], got 5; for 5 % write 0.05 or 5%" \
  data/base.txt data/slow.txt --noise 5
bad_usage "--noise: must be in [0, 0.5], got 0.7" data/base.txt data/slow.txt --noise 0.7
bad_usage "--run-spread: must be a fraction in [0, 1], got 5" data/base.txt data/slow.txt --run-spread 5
bad_usage "--run-spread" data/base.txt data/slow.txt --run-spread abc

# --- compare --against-history MODEL CANDIDATE...: the candidate's run(s) against the stored runs
# of MODEL on the same processor and settings, run by run (docs/history.md).
EX=../../schema/examples
export HOME=$TMP/home  # never the real history of the user running the tests
unset TINYPERF_DB XDG_DATA_HOME
HDB=$TMP/history.db

# A valid copy of the full example submission measured at 10:00:00 + SEQ s, with every latency
# sample of both measured sides, mlp_fp32 and mlp_int8 (and the statistics derived from them),
# times FACTOR (so their speedup stays the same), on PROCESSOR.
run_file() {  # SEQ FACTOR [PROCESSOR]
  "$PYTHON" - "$EX/valid/v1_full.json" "$TMP/h$1.json" "$1" "$2" "${3:-}" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
n, f, cpu = int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
doc["timestamp"] = "2026-11-22T%02d:%02d:%02dZ" % (10 + n // 3600, n // 60 % 60, n % 60)
for side in (doc["baseline"], doc["optimized"]):
    side["samples"]["latency_ms"] = [v * f for v in side["samples"]["latency_ms"]]
    for key in ("latency_ms_mean", "latency_ms_std", "latency_ms_median", "latency_ms_p90",
                "latency_ms_p95", "latency_ms_p99"):
        side["metrics"][key] *= f
    side["metrics"]["latency_ms_ci95"] = [v * f for v in side["metrics"]["latency_ms_ci95"]]
if cpu:
    doc["system_info"]["processor"] = cpu
json.dump(doc, open(sys.argv[2], "w"))
PY
  echo "$TMP/h$1.json"
}

# No history at all: the default location does not exist, or --db names a missing file.
run compare --against-history mlp_int8 "$(run_file 1 1.0)"
assert_rc 2 "no default history"
assert_one_error_line "$HOME/.local/share/tinyperf/history.db: no results history yet"
run compare --against-history mlp_int8 "$TMP/h1.json" --db "$TMP/missing.db"
assert_rc 2 "--db naming a missing history"
assert_one_error_line "$TMP/missing.db: no such history database"

# One stored run and one candidate run: the spread between runs cannot be estimated.
"$TINYPERF" history add --db "$HDB" "$(run_file 2 1.0)" >/dev/null
run compare --against-history mlp_int8 "$TMP/h1.json" --db "$HDB"
assert_rc 2 "1 stored run + 1 candidate run"
assert_one_error_line "1 stored run and 1 candidate run: at least 3 runs in all are needed"
# ... but two candidate runs give 3 runs in all (and a warning about the short history).
run compare --against-history mlp_int8 "$TMP/h1.json" "$(run_file 3 1.01)" --db "$HDB" --json
assert_rc 0 "1 stored run + 2 candidate runs"
assert_json "d['degrees_of_freedom'] == 1 and len(d['candidate']['runs']) == 2" "two candidate runs"
assert_json "any(w.startswith('only 1 stored run') for w in d['warnings'])" "short-history warning"

# A history of 6 runs on this processor whose medians spread by about 1.5 %, plus runs that do
# not match (another processor; mlp_int8 absent from none). Medians: 0.81 ms * factor.
FACTORS="1.00 1.02 0.99 1.01 0.98 1.00"
seq=10
for f in $FACTORS; do
  "$TINYPERF" history add --db "$HDB" "$(run_file $seq "$f")" >/dev/null || fail "history add $seq"
  seq=$((seq + 1))
done
"$TINYPERF" history add --db "$HDB" "$(run_file 30 3.0 "Other CPU")" >/dev/null
# geometric mean of the 7 stored factors on this CPU (run 2 is 1.00 too), for the expected speedup
GEO=$("$PYTHON" -c "import math; f=[1.00,1.00,1.02,0.99,1.01,0.98,1.00]; print(math.exp(sum(map(math.log,f))/len(f)))")

# A 30 % slower candidate: verdict slower, the default gate fails.
KEYS="{'mode', 'model', 'baseline', 'candidate', 'speedup', 'speedup_ci95', 'p_value', \
't_statistic', 'degrees_of_freedom', 'run_to_run_cv', 'detectable_change', 'verdict', \
'gate_failed', 'unit', 'warnings', 'settings'}"
run compare --against-history mlp_int8 "$(run_file 100 1.30)" --db "$HDB" --json
assert_rc 1 "a 30 % slower candidate fails the gate"
assert_json "set(d) == $KEYS" "--against-history --json keys"
assert_json "d['mode'] == 'history' and d['model'] == 'mlp_int8' and d['verdict'] == 'slower' and d['gate_failed'] is True"
assert_json "close(d['speedup'], $GEO / 1.30, 1e-9)" "speedup = geometric mean of stored run medians / candidate median"
assert_json "d['speedup_ci95'][0] < d['speedup'] < d['speedup_ci95'][1] < 0.99 and d['p_value'] < 1e-4"
assert_json "d['degrees_of_freedom'] == 6 and 0.005 < d['run_to_run_cv'] < 0.03 and d['warnings'] == []"
assert_json "[r['id'] for r in d['baseline']['runs']] == [7, 6, 5, 4, 3, 2, 1]" "every matching run, newest first"
assert_json "all(r['count'] == 12 for r in d['baseline']['runs']) and close(d['baseline']['runs'][1]['median'], 0.81 * 0.98)"
assert_json "d['baseline']['processor'] == 'AMD EPYC 9R14' and d['baseline']['scenario'] == 'single_stream' and d['baseline']['batch_size'] == 1 and d['baseline']['threads'] == 1"
assert_json "d['candidate']['runs'] == [{'file': '$TMP/h100.json', 'count': 12, 'median': 0.81 * 1.3}] or close(d['candidate']['runs'][0]['median'], 0.81 * 1.3)"
assert_json "d['settings'] == {'alpha': 0.05, 'noise': 0.01, 'fail_on': 'slower', 'history_runs': 10}"
run compare --against-history mlp_int8 "$TMP/h100.json" --db "$HDB"
assert_rc 1 "human output of a failed history gate"
assert_stdout_has "baseline:  history $HDB: mlp_int8 on AMD EPYC 9R14 (single_stream, batch size 1, 1 thread), runs 7, 6, 5, 4, 3, 2, 1 (7 runs, 84 samples)"
assert_stdout_has "speedup over the stored runs: 0.7"
assert_stdout_has "the candidate takes 1.300x as long"
assert_stdout_has "(t-test on log run medians, 6 df), verdict: slower"
assert_stdout_has "run-to-run cv"
assert_stdout_has "gate (--fail-on slower): FAILED, exit 1"
run compare --against-history mlp_int8 "$TMP/h100.json" --db "$HDB" --fail-on never
assert_rc 0 "--fail-on never"

# The same level as the history: no verdict, the gate passes, also with --fail-on change.
run compare --against-history mlp_int8 "$(run_file 101 1.00)" --db "$HDB" --fail-on change --json
assert_rc 0 "an unchanged candidate"
assert_json "d['verdict'] in ('inconclusive', 'no_change') and d['gate_failed'] is False"
# Faster: passes the default gate, fails --fail-on faster.
run compare --against-history mlp_int8 "$(run_file 102 0.70)" --db "$HDB" --json
assert_rc 0 "a faster candidate passes --fail-on slower"
assert_json "d['verdict'] == 'faster'"
run compare --against-history mlp_int8 "$TMP/h102.json" --db "$HDB" --fail-on faster
assert_rc 1 "--fail-on faster"

# One run per side of two submissions, with a history: the spread between runs comes from the
# stored runs of the baseline side's model (mlp_fp32: the 7 runs above, medians spread by the
# factors in GEO), with Student t on 6 df, instead of the assumed 10 %. So a candidate run 15 %
# faster is called faster, which the assumed spread would not.
CV=$("$PYTHON" -c "import math, statistics; f=[1.00,1.00,1.02,0.99,1.01,0.98,1.00]; print(math.sqrt(math.expm1(statistics.stdev(map(math.log, f)) ** 2)))")
run compare "$(run_file 104 1.0)" "$(run_file 105 0.85)" --db "$HDB" --json
assert_rc 0 "one run per side with a stored spread"
assert_json "d['between_run_cv_source'] == 'history' and d['between_run_cv_stored_runs'] == 7"
assert_json "close(d['between_run_cv'], $CV, 1e-9)" "the cv of the stored run medians"
assert_json "d['verdict'] == 'faster' and d['speedup_ci95'][0] > 1.01"
run compare "$TMP/h104.json" "$TMP/h105.json" --db "$HDB"
assert_stdout_has "allowing 1.3 %"
assert_stdout_has "  (the spread of the stored runs, history $HDB: mlp_fp32 on AMD EPYC 9R14"
run compare "$TMP/h104.json" "$TMP/h105.json" --db "$HDB" --run-spread 0.1 --json
assert_json "d['between_run_cv_source'] == 'given' and d['verdict'] == 'inconclusive'" "--run-spread wins"
run compare "$TMP/h104.json" "$TMP/h105.json" --json
assert_json "d['between_run_cv_source'] == 'assumed' and d['verdict'] == 'inconclusive'" "no default history: assumed"
run compare "$TMP/h104.json" "$(run_file 106 0.85 "Brand New CPU")" --db "$HDB" --json
assert_json "d['between_run_cv_source'] == 'history'" "the baseline's processor selects the runs"
run compare "$(run_file 107 1.0 "Brand New CPU")" "$TMP/h105.json" --db "$HDB" --json
assert_json "d['between_run_cv_source'] == 'assumed'" "no stored runs on the baseline's processor"
expect_bad_input "--db" compare --baseline "${A_RUNS[@]}" --candidate "${B_RUNS[@]}" --db "$HDB"

# A candidate already recorded is not its own baseline; --history-runs takes the latest N.
"$TINYPERF" history add --db "$HDB" "$TMP/h100.json" >/dev/null
run compare --against-history mlp_int8 "$TMP/h100.json" --db "$HDB" --json
assert_json "[r['id'] for r in d['baseline']['runs']] == [7, 6, 5, 4, 3, 2, 1]" "the stored candidate is left out"
run compare --against-history mlp_int8 "$TMP/h100.json" --db "$HDB" --history-runs 3 --json
assert_json "[r['id'] for r in d['baseline']['runs']] == [7, 6, 5] and d['settings']['history_runs'] == 3"
assert_json "d['warnings'] == ['only 3 stored runs: the interval is wide; 5 or more give a sharper gate']"

# No stored run of that model on that processor, a model the candidate did not measure.
run compare --against-history mlp_int8 "$(run_file 103 1.0 "Brand New CPU")" --db "$HDB"
assert_rc 2 "a processor without history"
assert_one_error_line "no stored run of model 'mlp_int8' on processor 'Brand New CPU' (single_stream, batch size 1, 1 thread)"
run compare --against-history resnet50 "$TMP/h100.json" --db "$HDB"
assert_rc 2 "a model the candidate did not measure"
assert_one_error_line "$TMP/h100.json: no side measured model 'resnet50' with latency samples"
run compare --against-history mlp_int8 "$TMP/h100.json" "$TMP/h103.json" --db "$HDB"
assert_rc 2 "candidates on different processors"
assert_one_error_line "$TMP/h103.json: measured with processor 'Brand New CPU'"
run compare --against-history mlp_int8 "$EX/valid/tinytorch_means.json" --db "$HDB"
assert_rc 2 "a capstone submission as candidate"
assert_one_error_line "tinytorch_means.json: a tinytorch capstone submission"

# Usage: flags of one mode in the other, file counts.
bad_usage "--db: data/base.txt is a text file" data/base.txt data/slow.txt --db "$HDB"
bad_usage "no such history database" "$TMP/h104.json" "$TMP/h105.json" --db "$TMP/missing.db"
bad_usage "capstone" "$EX/valid/tinytorch_means.json" "$EX/valid/tinytorch_means.json" --db "$HDB"
bad_usage "--paired" --against-history mlp_int8 "$TMP/h100.json" --db "$HDB" --paired
bad_usage "--history-runs" --against-history mlp_int8 "$TMP/h100.json" --db "$HDB" --history-runs 0
bad_usage "compare takes two files" data/base.txt data/slow.txt data/five.txt
bad_usage "CANDIDATE is required" --against-history mlp_int8 --db "$HDB"

finish
