# tinyperf validate: both formats, every error with its JSON path, the --json contract, exit codes
# (0 valid, 1 invalid, 2 unreadable) and hostile files (clear one-line errors, no crash).
. "$(dirname "$0")/lib.sh"

EX=../../schema/examples

run validate "$EX/valid/v1_full.json" "$EX/valid/tinytorch_medians.json"
assert_rc 0 "valid files"
assert_stdout_has "$EX/valid/v1_full.json: valid (tinyperf v1)"
assert_stdout_has "$EX/valid/tinytorch_medians.json: valid (tinytorch capstone)"

run validate "$EX/invalid/tinytorch_accuracy_above_one.json"
assert_rc 1 "an invalid file"
assert_stdout_has "$EX/invalid/tinytorch_accuracy_above_one.json: \$.baseline.metrics.accuracy: 1.5 is outside [0, 1]"

# The course's example with medians says speedup 3.0 (30 / 10); the variant saying 2.0 (the means'
# ratio) is rejected.
run validate "$EX/invalid/tinytorch_speedup_from_means.json"
assert_rc 1 "speedup from means"
assert_stdout_has "\$.improvements.speedup: 2 does not match 3, recomputed as baseline latency_ms_median 30 / optimized 10"

# Every error, not only the first; valid and invalid files reported together.
run validate "$EX/invalid/tinytorch_improvements_mismatch.json" "$EX/valid/v1_baseline_only.json"
assert_rc 1 "mixed valid and invalid"
assert_stdout_has "\$.improvements.compression_ratio: 5 does not match 4"
assert_stdout_has "\$.improvements.accuracy_delta: 0.01 does not match"
assert_stdout_has "v1_baseline_only.json: valid (tinyperf v1)"

run validate --json "$EX/valid/tinytorch_means.json" "$EX/invalid/unknown_format.json"
assert_rc 1 "--json with an invalid file"
assert_json "isinstance(d, list) and len(d) == 2 and all(set(x) == {'file', 'valid', 'readable', 'format', 'errors'} for x in d)" "validate --json keys"
assert_json "d[0]['valid'] is True and d[0]['format'] == 'tinytorch capstone' and d[0]['errors'] == []"
assert_json "d[1]['valid'] is False and d[1]['format'] == 'unknown' and d[1]['errors'][0]['path'] == '\$' and d[1]['errors'][0]['message'].startswith('unknown submission format')"

# Unreadable files: exit 2 and a one-line reason naming the file, the other files still reported.
run validate "$EX/valid/tinytorch_means.json" "$TMP/absent.json"
assert_rc 2 "a missing file"
assert_stdout_has "tinytorch_means.json: valid (tinytorch capstone)"
assert_one_error_line "$TMP/absent.json" "cannot open"

run validate --json "$TMP/absent.json" "$EX/invalid/tinytorch_std_negative.json"
assert_rc 2 "--json with a missing file"
assert_json "d[0]['readable'] is False and d[0]['valid'] is False and '$TMP/absent.json' in d[0]['errors'][0]['message']"
assert_json "d[1]['errors'] == [{'path': '\$.baseline.metrics.latency_ms_std', 'message': '-1 must be >= 0'}]"

# Hostile files: each a one-line error naming the file, exit 2, never a crash.
printf 'baseline: fast\n' >"$TMP/text.json"
head -c 700 "$EX/valid/v1_full.json" >"$TMP/truncated.json"
truncate -s 100M "$TMP/big.json"
"$PYTHON" -c "print('[' * 10000 + ']' * 10000)" >"$TMP/deep.json"
printf '{"tinytorch_version": "0.1.0", "x": 1e400}' >"$TMP/huge_number.json"
printf '{"tinytorch_version": "0.1.0", "tinytorch_version": "0.2"}' >"$TMP/duplicate.json"
printf '{"tinytorch_version": "0.1.0", "latency_ms_median": NaN}' >"$TMP/nan.json"
: >"$TMP/empty.json"
for case in "text.json:not valid JSON" "truncated.json:not valid JSON" \
            "big.json:larger than the 64 MiB limit" "deep.json:nesting deeper than 256 levels" \
            "huge_number.json:number overflow" "duplicate.json:duplicate key" \
            "nan.json:not valid JSON" "empty.json:not valid JSON"; do
  file=${case%%:*}
  run validate "$TMP/$file"
  assert_rc 2 "hostile $file"
  assert_one_error_line "$TMP/$file" "${case#*:}"
  assert_stdout_empty
done

run validate
assert_rc 2 "no file"

finish
