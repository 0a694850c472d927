# tinyperf leaderboard: the events table's boundaries, ranking and ties, grouping by processor,
# skipped files, the four output formats and bad usage.
. "$(dirname "$0")/lib.sh"

EX=../../schema/examples
BOARD=$TMP/board
mkdir -p "$BOARD"

# write NAME ACCURACY LATENCY_MS SIZE_MB PROCESSOR: a valid baseline-only capstone submission.
write() {
  "$PYTHON" - "$BOARD/$1" "$2" "$3" "$4" "$5" <<'PY'
import json, sys
path, acc, lat, size, cpu = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
doc = {"tinytorch_version": "0.1.0", "submission_type": "capstone_benchmark",
       "timestamp": "2025-01-15 14:30:00", "student_name": path.rsplit("/", 1)[-1][:-5],
       "system_info": {"platform": "Linux", "python_version": "3.11.2", "processor": cpu},
       "baseline": {"model_name": "mlp", "metrics": {"parameter_count": 1000, "model_size_mb": size,
                    "accuracy": acc, "latency_ms_mean": lat, "latency_ms_median": lat}}}
json.dump(doc, open(path, "w"))
PY
}

# Boundaries of docs/submission.md's table, all on one processor.
write a_at_085.json 0.85 20 5 cpu-x        # qualifies for the sprint (>= 0.85)
write b_at_0849.json 0.849 10 5 cpu-x      # does not
write c_latency_100.json 0.95 100 5 cpu-x  # accuracy_contest: latency 100 is not < 100
write d_size_10.json 0.96 50 10 cpu-x      # accuracy_contest: size 10 is not < 10
write e_fast.json 0.90 20 2 cpu-x          # ties a_at_085 on latency, later in input order

run leaderboard "$BOARD" --event latency_sprint --json
assert_rc 0 "latency_sprint"
assert_json "[(e['rank'], e['file'].rsplit('/', 1)[-1]) for e in d['events'][0]['entries']] == [(1, 'a_at_085.json'), (1, 'e_fast.json'), (3, 'd_size_10.json'), (4, 'c_latency_100.json')]" "0.85 qualifies, ties keep input order"
assert_json "[(n['file'].rsplit('/', 1)[-1], n['reason']) for n in d['events'][0]['not_qualified']] == [('b_at_0849.json', 'accuracy 0.849 is below 0.85')]" "0.849 does not qualify"

run leaderboard "$BOARD" --event accuracy_contest --json
assert_rc 0 "accuracy_contest"
assert_json "[e['file'].rsplit('/', 1)[-1] for e in d['events'][0]['entries']] == ['e_fast.json', 'a_at_085.json', 'b_at_0849.json']" "ranked by accuracy, descending"
assert_json "sorted(n['reason'] for n in d['events'][0]['not_qualified']) == ['latency 100 ms is not below 100 ms', 'size 10 MB is not below 10 MB']" "latency 100 and size 10 do not qualify"

run leaderboard "$BOARD" --event extreme_push --format json
assert_json "[e['file'].rsplit('/', 1)[-1] for e in d['events'][0]['entries']][:2] == ['e_fast.json', 'b_at_0849.json']" "extreme_push: latency x size 40, 50"

run leaderboard "$BOARD" --event all_around --json
assert_json "len(d['events'][0]['entries']) == 5 and all(e['efficiency_score'] == 1.0 for e in d['events'][0]['entries'])" "all_around: 1.0 without an optimized side"

# The shipped examples (v1 and capstone, with optimized sides) rank beside these; invalid files are
# skipped with the reason, never ranked. By default each processor is ranked on its own.
cp "$EX/valid/v1_full.json" "$EX/valid/tinytorch_medians.json" "$BOARD/"
cp "$EX/invalid/tinytorch_accuracy_above_one.json" "$BOARD/z_invalid.json"
printf '{"truncated": ' >"$BOARD/z_truncated.json"
run leaderboard "$BOARD"
assert_rc 0 "a folder with invalid files"
assert_stdout_has "Ranked separately per processor"
assert_stdout_has "latency_sprint [processor: cpu-x]"
assert_stdout_has "latency_sprint [processor: AMD EPYC 9R14]"
assert_stdout_has "z_invalid.json: invalid tinytorch capstone submission: \$.baseline.metrics.accuracy: 1.5 is outside [0, 1]"
assert_stdout_has "z_truncated.json: not valid JSON"

run leaderboard "$BOARD" --json
assert_json "d['group_by'] == 'processor' and d['valid_submissions'] == 7 and len(d['skipped']) == 2" "counts"
assert_json "len({t['group'] for t in d['events']}) == 3 and len(d['events']) == 15" "5 events x 3 processors"
assert_json "[e for t in d['events'] if t['event'] == 'all_around' for e in t['entries'] if e['file'].endswith('v1_full.json')][0]['efficiency_score'] > 10" "all_around reads improvements.efficiency_score"

run leaderboard "$BOARD" --group-by none --event memory_challenge --json
assert_json "len(d['events']) == 1 and d['events'][0]['group'] == 'all' and len(d['events'][0]['entries']) == 6" "--group-by none ranks all together"
assert_json "d['events'][0]['entries'][0]['file'].endswith('v1_full.json') and d['events'][0]['entries'][0]['model_size_mb'] == 0.75" "smallest model first"

run leaderboard "$BOARD" --group-by none
assert_stdout_has "All submissions are ranked together"

run leaderboard "$BOARD" --format md --event latency_sprint
assert_rc 0 "markdown"
assert_stdout_has "# tinyperf leaderboard"
assert_stdout_has "| rank | accuracy |"

run leaderboard "$BOARD" --format html --event latency_sprint
assert_rc 0 "html"
assert_stdout_has "<!DOCTYPE html>"
assert_stdout_has "<table>"

# Nothing valid to rank: exit 1. Bad usage: exit 2 with one line naming the flag or path.
run leaderboard "$BOARD/z_invalid.json"
assert_rc 1 "only invalid files"
run leaderboard "$BOARD" --event sprint
assert_rc 2 "unknown event"
assert_one_error_line "--event"
run leaderboard "$BOARD" --format csv
assert_rc 2 "unknown format"
assert_one_error_line "--format"
run leaderboard "$TMP/absent"
assert_rc 2 "missing path"
assert_one_error_line "$TMP/absent"

finish
