# tinyperf compare: the verdict, the regression gate's exit codes, per-side flags, the --json
# contract, and bad input (exit 2, one line on stderr naming the file or flag).
. "$(dirname "$0")/lib.sh"

KEYS="{'baseline', 'candidate', 'speedup', 'speedup_ci95', 'p_value', 'welch_p_value', \
'hodges_lehmann_shift', 'cohens_d', 'verdict', 'required_runs', 'settings', 'gate_failed', 'unit'}"

# A clear regression: baseline 10.00..10.19 ms, candidate 12.00..12.19 ms (20 runs each, shuffled).
# speedup = median ratio 10.095 / 12.095; every candidate value is larger, so Mann-Whitney's U = 0.
run compare data/base.txt data/slow.txt --json
assert_rc 1 "regression fails the default gate (--fail-on slower)"
assert_json "set(d) == $KEYS" "compare --json keys"
assert_json "d['verdict'] == 'slower' and d['gate_failed'] is True"
assert_json "close(d['speedup'], 10.095 / 12.095, 1e-12)"
assert_json "d['speedup_ci95'][0] <= d['speedup'] <= d['speedup_ci95'][1] and d['speedup_ci95'][1] < 0.99"
assert_json "d['p_value'] < 1e-6 and d['welch_p_value'] < 1e-6"
assert_json "close(d['hodges_lehmann_shift'], 2.0, 1e-9) and d['cohens_d'] > 10"
assert_json "d['baseline']['count'] == 20 and close(d['baseline']['median'], 10.095) and close(d['candidate']['median'], 12.095)"
assert_json "d['settings'] == {'alpha': 0.05, 'noise': 0.01, 'resamples': 10000, 'seed': 2119655149, 'paired': False, 'fail_on': 'slower', 'required_runs_delta': 0.01}"
assert_json "isinstance(d['required_runs'], int) and d['required_runs'] >= 2"

run compare data/base.txt data/slow.txt --fail-on never
assert_rc 0 "--fail-on never never fails"
assert_stdout_has "candidate is slower than baseline: speedup 0.835x"
assert_stdout_has "verdict: slower"
assert_stdout_has "gate: off (--fail-on never), exit 0"

run compare data/base.txt data/slow.txt
assert_rc 1 "human output of a failed gate"
assert_stdout_has "gate (--fail-on slower): FAILED, exit 1"

run compare data/base.txt data/slow.txt --fail-on change
assert_rc 1 "--fail-on change catches a slowdown"
run compare data/base.txt data/slow.txt --fail-on faster
assert_rc 0 "--fail-on faster ignores a slowdown"

# The other direction: a speedup fails only --fail-on faster / change.
run compare data/slow.txt data/base.txt
assert_rc 0 "a speedup passes the default gate"
assert_stdout_has "candidate is 1.198x faster than baseline"
assert_stdout_has "verdict: faster"
run compare data/slow.txt data/base.txt --fail-on faster --json
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

# Both sides of one submission: baseline 11 ms, optimized 5.5 ms median: speedup exactly 2.
run compare data/submission.json data/submission.json --baseline-side baseline --candidate-side optimized --json
assert_rc 0 "submission sides"
assert_json "d['speedup'] == 2 and d['verdict'] == 'faster'"
run compare data/submission.json data/submission.json --candidate-side optimized --paired --json
assert_rc 0 "paired sides"
assert_json "d['settings']['paired'] is True and d['speedup'] == 2"

# Two benchmarks of one Google Benchmark file: 3 and 2 repetitions are too few for p < 0.05
# (exact Mann-Whitney: the smallest two-sided p is 2 / C(5, 2) = 0.2), so inconclusive, exit 0,
# with the hint on required runs.
run compare data/gbench.json data/gbench.json --baseline-benchmark BM_Matmul/64/repeats:3 \
  --candidate-benchmark BM_Relu/64/repeats:2
assert_rc 0 "inconclusive passes the gate"
assert_stdout_has "verdict: inconclusive"
assert_stdout_has "hint: inconclusive; about"
run compare data/gbench.json data/gbench.json --baseline-benchmark BM_Matmul/64/repeats:3 \
  --candidate-benchmark BM_Relu/64/repeats:2 --json
assert_json "close(d['p_value'], 0.2) and d['verdict'] == 'inconclusive'"

# hyperfine against plain text: units are converted before comparing (both in ms).
run compare data/hyperfine.json data/five.txt --json
assert_rc 0 "mixed formats"
assert_json "close(d['speedup'], 200 / 3) and d['baseline']['format'] == 'hyperfine'"

# Bad input and usage: exit 2, nothing on stdout, one line on stderr naming the file or flag.
bad_usage() {  # MENTIONED ARGS...
  local mention=$1
  shift
  run compare "$@"
  assert_rc 2 "compare $*"
  assert_stdout_empty
  assert_one_error_line "$mention"
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

finish
