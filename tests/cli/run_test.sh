# End-to-end tests of `tinyperf run` (docs/cli.md): the real CLI with --quick on the synthetic task.
# It writes the three files and a history row, `tinyperf validate` accepts its submission, a second
# run reuses the cached baseline, bad flags exit 2 with one line, and Ctrl-C (SIGINT) during
# training or measurement exits 130 leaving nothing in --out, no history row and no temp files.
source "$(dirname "$0")/lib.sh"

# Keep the user's cache and history out of it.
export XDG_CACHE_HOME=$TMP/xdg-cache
export TINYPERF_DB=$TMP/default-history.db
unset TINYPERF_CACHE_DIR

# --- bad usage and bad input: exit 2, one line naming the flag or file -------------------------
run run --threads 0 --data synthetic --out "$TMP/bad"
assert_rc 2 "--threads 0"
assert_one_error_line "--threads"
run run --no-such-flag
assert_rc 2 "unknown flag"
assert_one_error_line "--no-such-flag"
run run --quick --data no-such-data-set --out "$TMP/bad"
assert_rc 2 "unknown --data"
assert_one_error_line "--data" "no-such-data-set"
run run --quick --data synthetic --model "$TMP/missing.safetensors" --out "$TMP/bad"
assert_rc 2 "missing --model file"
assert_one_error_line "missing.safetensors"
echo "not a model" >"$TMP/garbage.safetensors"
run run --quick --data synthetic --model "$TMP/garbage.safetensors" --out "$TMP/bad"
assert_rc 2 "malformed --model file"
tail -n 1 "$ERR" | grep -q "^tinyperf: error: .*garbage.safetensors" && pass ||
  fail "the last stderr line does not name the malformed model file"
[ "$(grep -c "error" "$ERR")" -eq 1 ] && pass || fail "more than one error line"
echo "not a folder" >"$TMP/a-file"
run run --quick --data synthetic --out "$TMP/a-file"
assert_rc 2 "--out is a file"
assert_one_error_line "--out" "not a directory"
run run --quick --seed -3
assert_rc 2 "negative seed"
[ ! -e "$TMP/bad" ] && pass || fail "a failed run created its --out folder"
[ ! -e "$TINYPERF_DB" ] && pass || fail "a failed run created the history"

# --- a quick run: three files, valid submission, one history row -------------------------------
run run --quick --data synthetic --out "$TMP/out1" --db "$TMP/history.db" --json
assert_rc 0 "quick run"
assert_json 'd["baseline"]["source"] == "trained" and d["quick"] is True' "trained baseline"
assert_json 'd["data"] == "synthetic" and d["data_choice"] == "--data"' "data choice recorded"
assert_json '[v["name"] for v in d["variants"]] == ["mlp_fp32", "mlp_int8", "mlp_structured_pruned", "mlp_magnitude_pruned", "mlp_pruned_int8"]' "five variants"
assert_json 'd["submitted"] in [v["name"] for v in d["variants"] if v["role"] == "optimized"]' "submitted variant"
assert_json 'all(v["speedup"] is not None and v["verdict"] in ("faster", "slower", "no_change", "inconclusive") for v in d["variants"][1:])' "verdicts"
assert_json 'd["history"]["run_id"] >= 1' "history row"
assert_stderr_has "data: synthetic (--data)"
assert_stderr_has "[2/11] train the baseline"
assert_stderr_has "done in"
for f in submission.json report.html report.md; do
  [ -s "$TMP/out1/$f" ] && pass || fail "out1/$f missing or empty"
done
[ "$(ls -A "$TMP/out1" | wc -l)" -eq 3 ] && pass || fail "out1 holds other files: $(ls -A "$TMP/out1")"
cp "$OUT" "$TMP/run1.json"
run validate "$TMP/out1/submission.json"
assert_rc 0 "tinyperf validate accepts the submission"
assert_stdout_has "valid (tinyperf v1)"
"$PYTHON" - "$TMP/out1/submission.json" <<'PY' && pass || fail "submission content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["settings"]["quick"] is True
assert any("quick run" in w for w in d["warnings"])
assert d["workload"]["dataset"]["name"] == "synthetic"
assert d["scenarios"]["offline"]["scenario"] == "Offline"
assert len(d["candidates"]) == 3
assert len(d["baseline"]["samples"]["latency_ms"]) == d["settings"]["measurement_runs"]
lat = d["baseline"]["measurement"]["latency"]
assert lat["method"] == "worker_runs" and len(lat["run_medians_ms"]) == lat["runs"]
assert len(lat["huge_pages"]) == lat["runs"] and all("(THP " in h for h in lat["huge_pages"])
imp = d["improvements"]
assert imp["test"] == "t_test_log_run_medians"
assert imp["speedup_ci95"][0] <= imp["speedup"] <= imp["speedup_ci95"][1]
PY
grep -q "plot-pareto" "$TMP/out1/report.html" && pass || fail "report.html has no Pareto plot"
grep -q "^# tinyperf report" "$TMP/out1/report.md" && pass || fail "report.md has no title"

# --- a second run reuses the cached baseline; the history then holds two runs ------------------
run run --quick --data synthetic --out "$TMP/out2" --db "$TMP/history.db"
assert_rc 0 "second quick run"
assert_stderr_has "reused the cached model"
assert_stdout_has "mlp_fp32"
[ "$(ls "$XDG_CACHE_HOME/tinyperf/models" | wc -l)" -eq 1 ] && pass || fail "cache holds $(ls "$XDG_CACHE_HOME/tinyperf/models")"
run history --db "$TMP/history.db" --json
assert_rc 0 "history"
assert_json 'len(d) == 2' "two history rows"

# --- Ctrl-C: exit 130, one line, nothing in --out, no history row, no temp files ----------------
# Starts a run in the background, sends SIGINT once stderr shows `marker`, and waits for it.
interrupt_at() {
  local marker=$1
  shift
  LAST_CMD="tinyperf $* (SIGINT at '$marker')"
  "$TINYPERF" "$@" >"$OUT" 2>"$ERR" &
  local pid=$! waited=0
  until grep -qF -- "$marker" "$ERR" || [ $waited -ge 600 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -INT "$pid"
  wait "$pid"
  RC=$?
}

expect_clean_interrupt() {
  local out=$1 db=$2 cache=$3
  assert_rc 130 "interrupted run"
  tail -n 1 "$ERR" | grep -q "interrupted" && pass || fail "last stderr line does not say interrupted"
  [ "$(grep -c "interrupted" "$ERR")" -eq 1 ] && pass || fail "more than one interrupted line"
  [ ! -e "$out" ] && pass || fail "$out exists after an interrupted run: $(ls -A "$out")"
  [ ! -e "$db" ] && pass || fail "$db exists after an interrupted run"
  local stray
  stray=$(find "$cache" -type f ! -name '*.safetensors' 2>/dev/null)
  [ -z "$stray" ] && pass || fail "temp files left: $stray"
}

interrupt_at "measure accuracy" run --quick --data synthetic --out "$TMP/out3" --db "$TMP/h3.db"
expect_clean_interrupt "$TMP/out3" "$TMP/h3.db" "$XDG_CACHE_HOME"

# During the latency runs: the worker is stopped too, and the models saved for the workers go.
mkdir -p "$TMP/tmpdir"
TMPDIR=$TMP/tmpdir interrupt_at "runs per variant ..." run --quick --data synthetic --out "$TMP/out5" \
  --db "$TMP/h5.db"
expect_clean_interrupt "$TMP/out5" "$TMP/h5.db" "$XDG_CACHE_HOME"
[ -z "$(ls -A "$TMP/tmpdir")" ] && pass || fail "scratch files left: $(ls -A "$TMP/tmpdir")"

interrupt_at "train the baseline" run --quick --data synthetic --seed 7 --out "$TMP/out4" \
  --db "$TMP/h4.db" --cache-dir "$TMP/cache4"
expect_clean_interrupt "$TMP/out4" "$TMP/h4.db" "$TMP/cache4"
[ -z "$(ls -A "$TMP/cache4" 2>/dev/null)" ] && pass || fail "an interrupted training cached a model"

finish
