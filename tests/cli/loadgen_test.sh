# tinyperf loadgen end to end on a small synthetic model: each scenario's result with LoadGen's
# keys, exit 1 for INVALID runs (a latency bound no model meets, a run stopped before its
# minimums), exit 2 with one line naming the flag for bad settings, and a quick --find-peak.
. "$(dirname "$0")/lib.sh"

MODEL=$TMP/model.safetensors
run train --data synthetic --hidden 32 --epochs 1 --seed 3 --out "$MODEL"
assert_rc 0 "train a small model for the load generator"

COMMON=(--model "$MODEL" --data synthetic --quick)

run loadgen "${COMMON[@]}" --scenario single-stream --min-duration 0.2 --json
assert_rc 0 "single-stream run is VALID"
assert_json 'd["scenario"] == "SingleStream" and d["result_validity"] == "VALID"' "single-stream verdict"
assert_json 'set(d) >= {"result_invalid_reasons", "result_min_duration_met", "result_min_queries_met",
  "result_perf_constraints_met", "early_stopping_met", "early_stopping_latency_ss",
  "result_mean_latency_ns", "result_50.00_percentile_latency_ns", "result_99.90_percentile_latency_ns",
  "result_qps_with_loadgen_overhead", "settings", "latencies_ns", "system_info"}' "LoadGen keys"
assert_json 'len(d["latencies_ns"]) == d["result_query_count"] >= 100' "raw latencies kept"
assert_json 'sorted(d["latencies_ns"])[int(0.9 * len(d["latencies_ns"]))] == d["result_90.00_percentile_latency_ns"]' "p90 recomputes from the raw latencies"
assert_json 'd["early_stopping_latency_ss"] >= d["result_90.00_percentile_latency_ns"]' "early-stopping estimate is at least the p90"
assert_json 'd["mlperf_comparable"] is False and any("not comparable" in w for w in d["warnings"])' "--quick says it is not comparable"
assert_json 'd["settings"]["qsl_rng_seed"] == 2085463073848966840' "MLPerf seeds by default"

run loadgen "${COMMON[@]}" --scenario single-stream --min-duration 0.2
assert_rc 0 "text summary"
assert_stdout_has "Result is : VALID"
assert_stdout_has "Early stopping 90.0th percentile estimate"

run loadgen "${COMMON[@]}" --scenario multi-stream --min-duration 0.2 --seed 5 --json
assert_rc 0 "multi-stream run is VALID"
assert_json 'd["result_query_count"] >= 662 and len(d["sample_latencies_ns"]) == 8 * d["result_query_count"]' "8 samples per query"
assert_json 'd["early_stopping_latency_ms"] is not None' "multi-stream p99 estimate"
assert_json 'd["settings"]["qsl_rng_seed"] != 2085463073848966840' "--seed changes the seeds"

run loadgen "${COMMON[@]}" --scenario server --target-qps 1000 --min-duration 0.5 --latency-bound-ms 1000 --json
assert_rc 0 "server run within a generous bound is VALID"
assert_json 'd["result_completed_samples_per_sec"] > 0 and d["result_query_count"] >= 459' "server throughput"

run loadgen "${COMMON[@]}" --scenario server --target-qps 1000 --min-duration 0.5 --latency-bound-ms 0.001 --json
assert_rc 1 "server run over a 1 µs bound is INVALID"
assert_json 'd["result_validity"] == "INVALID" and d["result_perf_constraints_met"] is False' "bound crossed"
assert_json 'any("performance constraint not met" in r for r in d["result_invalid_reasons"])' "reason given"

run loadgen "${COMMON[@]}" --scenario offline --samples-per-query 2000 --min-queries 2000 --min-duration 0 --json
assert_rc 0 "offline run"
assert_json 'd["result_samples_per_second"] > 0 and d["result_sample_count"] == 2000' "offline throughput"

run loadgen "${COMMON[@]}" --scenario single-stream --min-duration 30 --max-queries 100 --json
assert_rc 1 "a run stopped by --max-queries before its min duration is INVALID"
assert_json 'd["stop_reason"] == "max query count reached" and d["result_min_duration_met"] is False' "stop reason"
assert_json 'any("min duration not met" in r and "max query count reached" in r for r in d["result_invalid_reasons"])' "reason names the early stop"

# The null SUT measures the load generator alone (bench/loadgen_bench.cc has the careful figure).
run loadgen --null-sut --scenario single-stream --min-duration 0.05 --json
[ "$RC" -le 1 ] && pass || fail "null SUT run: exit $RC"
assert_json 'd["sut_name"] == "null" and d["result_qps_with_loadgen_overhead"] > 100000' "load generator alone exceeds 100k queries/s"
assert_json '(d["result_validity"] == "VALID") == ('"$RC"' == 0)' "exit code follows the verdict"

# --find-peak: whether a VALID rate exists on a busy machine is not for a test to assume, so check
# that the verdict, the exit code and the reported peak agree.
run loadgen "${COMMON[@]}" --scenario server --find-peak --min-duration 0.3 --json
[ "$RC" -le 1 ] && pass || fail "find-peak: exit $RC"
assert_json 'len(d["find_peak"]["steps"]) >= 2 and d["find_peak"]["steps"][0]["target_qps"] > 0' "find-peak ran its steps"
assert_json '(d["find_peak"]["peak_qps"] is not None) == ('"$RC"' == 0) == (d["result_validity"] == "VALID")' "exit 0 exactly when a VALID peak was found"
assert_json 'd["find_peak"]["peak_qps"] is None or (d["find_peak"]["peak_p99_latency_ns"] == d["result_99.00_percentile_latency_ns"] <= 10**7 and d["settings"]["target_qps"] == d["find_peak"]["peak_qps"])' "the peak run is VALID within the bound"
assert_json 'all(s["result_validity"] == "INVALID" for s in d["find_peak"]["steps"] if d["find_peak"]["peak_qps"] is not None and s["target_qps"] == d["find_peak"]["upper_qps"])' "the upper bound is INVALID"

# Bad settings: exit 2 and one line naming the flag.
run loadgen "${COMMON[@]}" --scenario server --target-qps 0
assert_rc 2 "zero QPS"
assert_one_error_line "--target-qps" "> 0"
run loadgen "${COMMON[@]}" --scenario server
assert_rc 2 "server without a rate"
assert_one_error_line "--target-qps is required"
run loadgen "${COMMON[@]}" --min-duration -1
assert_rc 2 "negative duration"
assert_one_error_line "--min-duration" "-1"
run loadgen "${COMMON[@]}" --min-duration 5 --max-duration 2
assert_rc 2 "max below min"
assert_one_error_line "--max-duration (2 s) is below --min-duration (5 s)"
run loadgen "${COMMON[@]}" --scenario server --target-qps 100 --latency-bound-ms 0.0001
assert_rc 2 "bound below the timer resolution"
assert_one_error_line "--latency-bound-ms" "is 100 ns"
run loadgen "${COMMON[@]}" --scenario multi-stream --samples-per-query 5000
assert_rc 2 "more samples per query than the library holds"
assert_one_error_line "--samples-per-query" "exceeds the 1000 samples"
run loadgen "${COMMON[@]}" --scenario warp-speed
assert_rc 2 "unknown scenario"
assert_one_error_line "warp-speed"
run loadgen --data synthetic --quick
assert_rc 2 "no model"
assert_one_error_line "--model"
run loadgen "${COMMON[@]}" --find-peak
assert_rc 2 "find-peak outside Server"
assert_one_error_line "--find-peak"
run loadgen --model "$TMP/missing.safetensors" --data synthetic
assert_rc 2 "missing model file"
assert_one_error_line "missing.safetensors"

finish
