# tinyperf train / inspect / evaluate end to end, on the synthetic task (fast, no data set needed),
# and the clear one-line errors for bad model files and flags.
. "$(dirname "$0")/lib.sh"

MODEL=$TMP/model.safetensors

run train --data synthetic --hidden 32 --epochs 3 --seed 7 --out "$MODEL" --json
assert_rc 0 "train on synthetic data"
assert_json 'set(d) >= {"accuracy", "parameter_count", "size_bytes", "seconds"}' "train --json keys"
# 784·32 + 32 + 32·10 + 10 = 25,450 parameters; the file holds them as 4-byte floats plus a header.
assert_json 'd["parameter_count"] == 25450' "parameter count of 784-32-10"
assert_json 'd["size_bytes"] > 25450 * 4 and d["size_bytes"] < 25450 * 4 + 8192' "file size"
assert_json 'd["accuracy"] > 0.8' "synthetic task is learned in three epochs"
assert_stderr_has "epoch 3/3: loss"
TRAIN_ACCURACY=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["accuracy"])' "$OUT")

run train --data synthetic --hidden 32 --epochs 3 --seed 7 --out "$TMP/again.safetensors"
assert_rc 0 "train again"
assert_stdout_empty
# The weights (the last 25,450 × 4 bytes) are identical; the header differs in the training time.
if cmp -s <(tail -c 101800 "$MODEL") <(tail -c 101800 "$TMP/again.safetensors"); then pass; else fail "same seed gave different weights"; fi

run inspect "$MODEL" --json
assert_rc 0 "inspect"
assert_json '[l["type"] for l in d["layers"]] == ["linear", "relu", "linear", "softmax"]' "inspect layer types"
assert_json 'd["layers"][0]["parameters"] == 784 * 32 + 32 and d["layers"][0]["precision"] == "fp32"' "layer 0"
assert_json 'd["parameter_count"] == 25450 and d["precision"] == "fp32"' "inspect totals"
assert_json '"training" in d["metadata"]' "training provenance is kept"

run inspect "$MODEL"
assert_rc 0 "inspect as text"
assert_stderr_has "linear"
assert_stderr_has "784->32"

run evaluate "$MODEL" --data synthetic --seed 7 --json
assert_rc 0 "evaluate"
assert_json "close(d['accuracy'], $TRAIN_ACCURACY) and d['num_samples'] == 1000" "evaluate repeats train's test accuracy"

# Bad model files: exit 2 with one line naming the file.
head -c 100 "$MODEL" > "$TMP/truncated.safetensors"
run inspect "$TMP/truncated.safetensors"
assert_rc 2 "truncated model"
assert_one_error_line "truncated.safetensors"

head -c 5000 /dev/urandom > "$TMP/random.safetensors"
run evaluate "$TMP/random.safetensors" --data synthetic
assert_rc 2 "random bytes"
assert_one_error_line "random.safetensors"

printf '\377\377\377\377\377\377\377\177{}' > "$TMP/huge_header.safetensors"
run inspect "$TMP/huge_header.safetensors"
assert_rc 2 "oversized header length"
assert_one_error_line "huge_header.safetensors" "header length"

run inspect "$TMP/missing.safetensors"
assert_rc 2 "missing model file"
assert_one_error_line "missing.safetensors"

run train --data synthetic --hidden 32,x --epochs 1 --out "$TMP/x.safetensors"
assert_rc 2 "bad --hidden"
assert_one_error_line "--hidden"

run train --data "$TMP/nothing-here" --out "$TMP/x.safetensors"
assert_rc 2 "unknown data set"
assert_one_error_line "nothing-here"

run train --data synthetic --epochs 0 --out "$TMP/x.safetensors"
assert_rc 2 "zero epochs"

printf 'a,b,label\n1,,0\n2,3,1\n' > "$TMP/missing_cell.csv"
run train --data "$TMP/missing_cell.csv" --out "$TMP/x.safetensors"
assert_rc 2 "CSV with a missing cell"
assert_one_error_line "missing_cell.csv:2" "missing value"

run evaluate "$MODEL" --data "$TMP/missing_cell.csv"
assert_rc 2 "evaluate on data of another width"

for command in train inspect evaluate; do
  run "$command" --help
  assert_rc 0 "$command --help"
  assert_stdout_has "Usage: tinyperf $command"
  assert_stdout_has "Exit codes:"
done

finish
