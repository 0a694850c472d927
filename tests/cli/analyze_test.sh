# tinyperf analyze: every input format on hand-made fixtures with hand-derived expected values,
# the --json contract, and bad input (exit 2, one line on stderr naming the file or flag).
. "$(dirname "$0")/lib.sh"

KEYS="{'count', 'mean', 'std', 'cv', 'median', 'min', 'max', 'p50', 'p90', 'p95', 'p99', 'ci95_mean', \
'ci95_median', 'outliers', 'early_stopping', 'unit', 'source', 'format', 'warnings'}"

# Plain text 1..5 (data/five.txt, with a comment and a blank line). mean 3; std = sqrt(10/4) =
# 1.5811388300841898; ci95_mean = 3 -+ t(0.975, 4) * std / sqrt(5) with t = 2.7764451051977987
# (Student t quantile; python3 stdlib check: Simpson integration of the t(4) density plus bisection
# gives 2.77644510519780), i.e. [1.0367568385224428, 4.963243161477557]. Type-7 p90 = 4 + 0.6 = 4.6,
# p99 = 4 + 0.96 = 4.96. n = 5 < 6: no median interval; n < 64: no early-stopping estimate.
run analyze data/five.txt --json
assert_rc 0 "analyze text"
assert_json "set(d) == $KEYS" "analyze --json keys"
assert_json "d['count'] == 5 and d['mean'] == 3 and close(d['std'], 1.5811388300841898, 1e-15)"
assert_json "close(d['ci95_mean'][0], 1.0367568385224428, 1e-12) and close(d['ci95_mean'][1], 4.963243161477557, 1e-12)"
assert_json "d['ci95_median'] is None and d['median'] == 3 and d['min'] == 1 and d['max'] == 5"
assert_json "d['p50'] == 3 and close(d['p90'], 4.6) and close(d['p95'], 4.8) and close(d['p99'], 4.96)"
assert_json "close(d['cv'], 1.5811388300841898 / 3)"
assert_json "d['early_stopping'] == {'p90': None, 'p99': None}"
assert_json "d['outliers'] == {'low_severe': 0, 'low_mild': 0, 'high_mild': 0, 'high_severe': 0}"
assert_json "d['unit'] == 'ms' and d['format'] == 'text' and 'data/five.txt' in d['source']"
assert_json "any(w.startswith('few samples') for w in d['warnings']) and any(w.startswith('high variance') for w in d['warnings'])"

# The human summary goes to stdout, nothing to stderr.
run analyze data/five.txt
assert_rc 0 "analyze text, human output"
assert_stdout_has "mean ± std        3 ± 1.58114 ms"
assert_stdout_has "needs 64 samples (have 5)"
assert_stdout_has "few samples: n = 5 < 10"
if [ -s "$ERR" ]; then fail "analyze wrote to stderr"; else pass; fi

# 1..100 shuffled: early stopping at p90 (MLPerf, confidence 0.99). h(t) = the smallest h with
# I_0.9(h, t + 1) < 0.01, computed in python3 with I_x(a, b) = P(Binomial(a + b - 1, x) >= a):
# h(1) = 63 (so 64 queries at least), h(3) = 94 and 100 < h(4) + 4, so t = 3 and the estimate is
# sorted[100 - 3] = 98. p99 needs 662 queries. Type-7 p90 = 1 + 0.9 * 99 = 90.1. cv = 29.01 / 50.5.
run analyze data/hundred.txt --json
assert_rc 0 "analyze 100 values"
assert_json "d['early_stopping'] == {'p90': 98, 'p99': None} and close(d['p90'], 90.1)"
assert_json "d['warnings'] == ['high variance: cv 0.574 > 0.1']"
run analyze data/hundred.txt
assert_stdout_has "early stop p90    98 ms"
assert_stdout_has "early stop p99    needs 662 samples (have 100)"

# One value: std 0, no intervals.
run analyze data/single.txt --json
assert_rc 0 "analyze one value"
assert_json "d['count'] == 1 and d['std'] == 0 and d['ci95_mean'] is None and d['ci95_median'] is None"

# CSV with a quoted header cell holding a comma, quoted names: default = first numeric column,
# "latency, ms" = [2,4,4,4,5,5,7,9]: mean 5, std sqrt(32/7) = 2.138089935299395, median 4.5,
# type-7 p90 = 7 + 0.3 * 2 = 7.6; median CI for n = 8 is (x1, x8) = [2, 9] (binomial coverage
# 1 - 2/256 = 0.992; (x2, x7) covers only 0.930); Tukey: Q1 4, Q3 5.5, IQR 1.5, so 9 > 7.75 is one
# high mild outlier.
run analyze data/latency.csv --json
assert_rc 0 "analyze csv"
assert_json "d['format'] == 'csv' and d['count'] == 8 and d['mean'] == 5 and close(d['std'], 2.138089935299395, 1e-15)"
assert_json "d['median'] == 4.5 and close(d['p90'], 7.6) and d['ci95_median'] == [2, 9]"
assert_json "d['outliers'] == {'low_severe': 0, 'low_mild': 0, 'high_mild': 1, 'high_severe': 0}"
assert_json "'latency, ms' in d['source']"
run analyze data/latency.csv --column batch --json
assert_rc 0 "analyze csv --column"
assert_json "d['mean'] == 4.5 and d['min'] == 1 and d['max'] == 8"
run analyze data/latency.csv --column p99
assert_rc 2 "unknown CSV column"
assert_one_error_line "data/latency.csv" "no column \"p99\"" "\"latency, ms\""

# Submission: raw latency samples of either side, in ms, converted by --unit.
# baseline [10,11,12,10.5,11.5] twice: mean 11, median 11.
run analyze data/submission.json --json
assert_rc 0 "analyze submission"
assert_json "d['format'] == 'submission' and d['count'] == 10 and d['mean'] == 11 and d['median'] == 11"
run analyze data/submission.json --side optimized --unit us --json
assert_rc 0 "analyze submission optimized in us"
assert_json "d['unit'] == 'us' and d['mean'] == 5500 and d['median'] == 5500"
run analyze data/capstone.json
assert_rc 2 "capstone submission has no raw samples"
assert_one_error_line "data/capstone.json" "no raw samples"
run analyze data/submission.json --side fastest
assert_rc 2 "bad --side"
assert_one_error_line "--side"

# Google Benchmark: per-repetition real_time of one run, converted from its time_unit.
run analyze data/gbench.json --benchmark BM_Matmul/64/repeats:3 --json
assert_rc 0 "analyze google benchmark"
assert_json "d['format'] == 'google-benchmark' and d['count'] == 3 and close(d['mean'], 0.002, 1e-15)"
run analyze data/gbench.json --benchmark BM_Matmul/64/repeats:3 --unit ns --json
assert_json "d['mean'] == 2000 and d['std'] == 1000 and d['unit'] == 'ns'"
run analyze data/gbench.json --benchmark BM_Relu/64/repeats:2 --unit us --json
assert_json "d['count'] == 2 and d['mean'] == 5"
run analyze data/gbench.json
assert_rc 2 "several benchmarks and none chosen"
assert_one_error_line "data/gbench.json" "--benchmark" "BM_Matmul/64/repeats:3" "BM_Relu/64/repeats:2" "BM_Broken"
run analyze data/gbench.json --benchmark BM_Broken
assert_rc 2 "failed benchmark run"
assert_one_error_line "data/gbench.json" "device not found"

# hyperfine: times (seconds) of the first result, or of the --benchmark command.
run analyze data/hyperfine.json --json
assert_rc 0 "analyze hyperfine"
assert_json "d['format'] == 'hyperfine' and d['count'] == 3 and close(d['mean'], 200) and close(d['min'], 100)"
run analyze data/hyperfine.json --benchmark "sleep 0.2" --unit s --json
assert_json "d['count'] == 2 and close(d['mean'], 0.375)"

# Bad input: exit 2, nothing on stdout, one line on stderr naming the file or flag.
bad_input() {  # FILE_OR_FLAG_MENTIONED ARGS...
  expect_bad_input "$1" analyze "${@:2}"
}
bad_input data/empty.txt data/empty.txt
bad_input data/empty.txt data/empty.txt --json
bad_input "line 3" data/words.txt
bad_input "\"NaN\" is not a finite number" data/nan.txt
bad_input "\"-inf\" is not a finite number" data/inf.txt
bad_input data/missing.txt data/missing.txt
bad_input "data: is a directory" data
bad_input data/malformed.json data/malformed.json
bad_input data/truncated.json data/truncated.json --benchmark BM_Matmul/64/repeats:3
bad_input "--format" data/five.txt --format xml
bad_input "--frobnicate" data/five.txt --frobnicate
bad_input "--unit" data/five.txt --unit minutes
bad_input "FILE is required"

finish
