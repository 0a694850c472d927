# End-to-end tests of `tinyperf bench` (docs/bench.md): two model files benched --quick in worker
# processes, the --json keys, unique names, the three files, the A/A and fp32-vs-INT8 verdicts'
# direction, bad input (exit 2 naming the file or flag), --fail-on, Ctrl-C (exit 130, nothing
# written) and the hidden worker command's answer to a bad job.
source "$(dirname "$0")/lib.sh"

# Two small models on the synthetic task (784 features): one trained, a byte copy, and its INT8.
run train --data synthetic --hidden 64 --epochs 1 --out "$TMP/mlp.safetensors"
assert_rc 0 "train"
mkdir -p "$TMP/copy"
cp "$TMP/mlp.safetensors" "$TMP/copy/mlp.safetensors"
run quantize "$TMP/mlp.safetensors" --data synthetic --out "$TMP/mlp_int8.safetensors"
assert_rc 0 "quantize"

# --- bad usage and input: exit 2, one line naming the flag or file, nothing written -----------
expect_bad_input "models" bench
expect_bad_input "--runs" bench "$TMP/mlp.safetensors" --runs 1
expect_bad_input "missing.safetensors" bench "$TMP/mlp.safetensors" "$TMP/missing.safetensors" \
  --out "$TMP/bad"
echo "not a model" >"$TMP/garbage.safetensors"
expect_bad_input "garbage.safetensors" bench "$TMP/mlp.safetensors" "$TMP/garbage.safetensors" \
  --out "$TMP/bad"
: >"$TMP/empty.safetensors"
expect_bad_input "empty.safetensors" bench "$TMP/empty.safetensors" --out "$TMP/bad"
expect_bad_input "--data" bench "$TMP/mlp.safetensors" --data no-such-data --out "$TMP/bad"
expect_bad_input "--noise: must be a fraction in [0, 0.5], got 5" bench "$TMP/mlp.safetensors" \
  --noise 5 --out "$TMP/bad"
[ ! -e "$TMP/bad" ] && pass || fail "a refused bench created its --out folder"

# --- a quick bench of three files: JSON keys, names, files, verdict directions -----------------
# --alpha 0.001: the A/A check below is a check of the pipeline, and at the default 0.05 it would
# fail in up to 1 run of the suite in 20 by design (more on a loaded CI machine); the false-verdict
# rate at 0.05 is what bench/bench_aa.sh measures.
run bench "$TMP/mlp.safetensors" "$TMP/copy/mlp.safetensors" "$TMP/mlp_int8.safetensors" \
  --quick --data synthetic --out "$TMP/out" --alpha 0.001 --json
assert_rc 0 "quick bench"
assert_json '[m["name"] for m in d["models"]] == ["mlp", "mlp-2", "mlp_int8"]' "unique names"
assert_json 'all(k in d["models"][0] for k in ("name", "file", "accuracy", "latency_ms",
  "throughput_rows_per_s", "peak_memory_mb", "size_bytes", "load_ms", "first_inference_ms",
  "runs"))' "model keys"
assert_json 'all(len(m["runs"]) == 5 for m in d["models"])' "5 runs per model with --quick"
assert_json 'len({r["pid"] for m in d["models"] for r in m["runs"]}) == 15' "one process per run"
assert_json '"latency_ns" not in d["models"][0]["runs"][0]' "--json leaves the samples out"
assert_json 'all("(THP " in r["huge_pages"] for m in d["models"] for r in m["runs"])' \
  "every run records its huge pages and the THP mode"
assert_json '[c["candidate"] for c in d["comparisons"]] == ["mlp-2", "mlp_int8"]' "comparisons"
assert_json 'all(k in d["comparisons"][0] for k in ("baseline", "candidate", "verdict", "speedup",
  "speedup_ci95", "runs"))' "comparison keys"
assert_json 'd["settings"]["alpha"] == 0.001' "--alpha is recorded"
assert_json 'd["comparisons"][0]["verdict"] in ("no_change", "inconclusive")' "A/A: no verdict"
assert_json 'd["comparisons"][1]["verdict"] == "faster"' "INT8 is faster"
assert_json 'd["comparisons"][1]["runs"] == {"baseline": 5, "candidate": 5}' "runs per side"
assert_json 'd["models"][0]["accuracy"] == d["models"][1]["accuracy"]' "same accuracy for copies"
assert_json 'sorted(d["files"]) == sorted([p for p in d["files"]]) and len(d["files"]) == 3' \
  "three files"
for f in bench.json report.html report.md; do
  [ -s "$TMP/out/$f" ] && pass || fail "$f missing or empty"
done
"$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if len(d["models"][0]["runs"][0]["latency_ns"]) == 500 else 1)' \
  "$TMP/out/bench.json" && pass || fail "bench.json lacks the samples"
assert_stderr_has "[15/15]"

# Text output, and --fail-on: the INT8 model is faster, so --fail-on faster exits 1.
run bench "$TMP/mlp.safetensors" "$TMP/mlp_int8.safetensors" --quick --runs 3 --out "$TMP/out2" \
  --fail-on faster
assert_rc 1 "--fail-on faster"
grep -qE "^mlp_int8 vs mlp: [0-9.]+x faster \(95% CI" "$OUT" && pass || fail "no verdict line"

# --- Ctrl-C during the runs: exit 130, one line, nothing written -------------------------------
LAST_CMD="tinyperf bench (SIGINT)"
"$TINYPERF" bench "$TMP/mlp.safetensors" "$TMP/mlp_int8.safetensors" --runs 50 \
  --out "$TMP/out3" >"$OUT" 2>"$ERR" &
pid=$!
waited=0
until grep -qF -- "[3/100]" "$ERR" || [ $waited -ge 600 ]; do
  sleep 0.1
  waited=$((waited + 1))
done
kill -INT "$pid"
wait "$pid"
RC=$?
assert_rc 130 "interrupted bench"
tail -n 1 "$ERR" | grep -q "interrupted: nothing was written" && pass ||
  fail "the last stderr line does not say interrupted"
[ ! -e "$TMP/out3" ] && pass || fail "an interrupted bench created its --out folder"

# --- the hidden worker: not in --help, a bad job is exit 2 with one line ------------------------
run --help
grep -qE "^  worker " "$OUT" && fail "--help lists the hidden worker command" || pass
run bench --help
assert_rc 0 "bench --help"
assert_stdout_has "--runs"
LAST_CMD="tinyperf worker < garbage"
echo "{not json" | "$TINYPERF" worker >"$OUT" 2>"$ERR"
RC=$?
assert_rc 2 "worker with garbage on stdin"
assert_one_error_line "worker job"
LAST_CMD="tinyperf worker < empty"
"$TINYPERF" worker </dev/null >"$OUT" 2>"$ERR"
RC=$?
assert_rc 2 "worker with nothing on stdin"
assert_one_error_line "nothing on stdin"
LAST_CMD="tinyperf worker < job for a missing model"
echo '{"model_file": "/no/such.safetensors", "data": "", "data_seed": 1, "seed": 1, "threads": 1,
  "latency_samples": 10, "warmup_max_s": 0, "batch_rows": 4, "batch_calls": 1, "run": 1,
  "position": 1}' | "$TINYPERF" worker >"$OUT" 2>"$ERR"
RC=$?
assert_rc 2 "worker with a missing model"
assert_one_error_line "/no/such.safetensors"

finish
