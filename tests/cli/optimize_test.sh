# tinyperf quantize / prune end to end on the synthetic task (fast, no data set needed), and that
# inspect and evaluate read the quantized and sparse files they write.
. "$(dirname "$0")/lib.sh"

MODEL=$TMP/fp32.safetensors
Q=$TMP/int8.safetensors
S=$TMP/sparse.safetensors
P=$TMP/structured.safetensors

run train --data synthetic --hidden 64 --epochs 2 --seed 7 --out "$MODEL"
assert_rc 0 "train a baseline"

# --- quantize
run quantize "$MODEL" --out "$Q" --data synthetic --seed 7 --calibration 500 --json
assert_rc 0 "quantize"
assert_json 'set(d) >= {"size_bytes_before", "size_bytes_after", "size_ratio", "accuracy_before", "accuracy_after", "calibration"}' "quantize --json keys"
assert_json 'd["precision"] == "int8" and d["calibration"]["method"] == "percentile" and d["calibration"]["samples"] == 500' "precision and calibration"
# 784·64 + 64·10 weights: 4 bytes each in fp32, 1 in int8, plus fp32 biases and scales: > 3.5x.
assert_json 'd["size_ratio"] > 3.5' "int8 file is much smaller"
assert_json 'abs(d["accuracy_after"] - d["accuracy_before"]) < 0.01 and d["accuracy_before"] > 0.8' "int8 accuracy close to fp32"
INT8_ACCURACY=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["accuracy_after"])' "$OUT")
assert_stderr_has "quantize: "

run inspect "$Q" --json
assert_rc 0 "inspect the int8 model"
assert_json '[l["type"] for l in d["layers"]] == ["linear_int8", "relu", "linear_int8", "softmax"]' "int8 layer kinds"
assert_json 'd["precision"] == "int8" and d["layers"][0]["precision"] == "int8"' "inspect shows int8"
assert_json 'd["layers"][0]["bytes"] == 784 * 64 + 64 * 4 * 2 + 4 + 1' "int8 layer bytes: weights, scales, bias, input scale and zero point"
assert_json '"quantization" in d["metadata"]' "quantization provenance kept"
assert_json 'd["layers"][0]["bytes_breakdown"] == {"weights": 784 * 64, "bias": 64 * 4, "scales": 64 * 4 + 4, "zero_points": 1, "indices": 0, "other": 0, "total": 784 * 64 + 64 * 8 + 5}' "int8 byte breakdown"

run evaluate "$Q" --data synthetic --seed 7 --json
assert_rc 0 "evaluate the int8 model"
assert_json "close(d['accuracy'], $INT8_ACCURACY)" "evaluate repeats quantize's accuracy"

run quantize "$MODEL" --out "$TMP/minmax.safetensors" --data synthetic --seed 7 --calibration-method minmax --json
assert_rc 0 "minmax calibration"
assert_json 'd["calibration"]["method"] == "minmax" and d["calibration"]["percentile"] is None' "minmax reported"

# --- magnitude pruning: sparse storage
run prune "$MODEL" --out "$S" --method magnitude --sparsity 0.9 --scope layer --data synthetic --seed 7 --json
assert_rc 0 "magnitude prune"
assert_json 'close(d["weight_sparsity_after"], 0.9, 1e-3) and d["size_ratio"] >= 4' "90 % sparse, file >= 4x smaller"
assert_json 'd["parameter_count_before"] == d["parameter_count_after"] == 784 * 64 + 64 + 64 * 10 + 10' "parameters counted as dense matrices"
run inspect "$S" --json
assert_rc 0 "inspect the sparse model"
assert_json 'd["layers"][0]["type"] == "linear_sparse" and abs(d["layers"][0]["sparsity"] - 0.9) < 1e-3' "sparse layer and its sparsity"
# 0.9 of 784·64 = 45,158.4 → 45,158 zeros, 5,018 nonzeros: 4-byte values, 2-byte columns, 65 row pointers.
assert_json 'd["layers"][0]["bytes_breakdown"]["weights"] == 5018 * 4 and d["layers"][0]["bytes_breakdown"]["indices"] == 5018 * 2 + 65 * 4' "sparse byte breakdown"
run evaluate "$S" --data synthetic --seed 7
assert_rc 0 "evaluate the sparse model"

run prune "$MODEL" --out "$TMP/global.safetensors" --method magnitude --sparsity 0.5 --finetune-epochs 1 --data synthetic --seed 7 --json
assert_rc 0 "global magnitude prune with fine-tuning"
assert_json 'close(d["weight_sparsity_after"], 0.5, 1e-3) and d["finetune_epochs"] == 1 and d["scope"] == "global"' "global (the default) target reached after fine-tuning"

# --- structured pruning: a smaller dense model
run prune "$MODEL" --out "$P" --method structured --sparsity 0.5 --finetune-epochs 1 --data synthetic --seed 7 --json
assert_rc 0 "structured prune"
assert_json 'd["parameter_count_after"] == 784 * 32 + 32 + 32 * 10 + 10' "half the hidden neurons removed"
assert_json 'd["accuracy_after"] > 0.8' "fine-tuned structured model still learns the task"
assert_stderr_has "fine-tune epoch 1/1"
run inspect "$P" --json
assert_json '[l["output_features"] for l in d["layers"]] == [32, 32, 10, 10] and d["precision"] == "fp32"' "structured shapes"

# --- bad input: exit 2, one line
run quantize "$MODEL" --data synthetic
assert_rc 2 "quantize without --out"
run quantize "$TMP/missing.safetensors" --out "$TMP/x.safetensors" --data synthetic
assert_rc 2 "quantize a missing file"
assert_one_error_line "missing.safetensors"
run quantize "$MODEL" --out "$TMP/x.safetensors" --data synthetic --calibration-method median
assert_rc 2 "unknown calibration method"
assert_one_error_line "--calibration-method"
run quantize "$MODEL" --out "$TMP/x.safetensors" --data synthetic --percentile 30
assert_rc 2 "percentile out of range"
assert_one_error_line "--percentile"
run quantize "$MODEL" --out "$TMP/x.safetensors" --data "$TMP/nowhere"
assert_rc 2 "missing data"
run prune "$MODEL" --out "$TMP/x.safetensors" --method magnitude --sparsity 1.5
assert_rc 2 "sparsity out of range"
assert_one_error_line "--sparsity"
run prune "$MODEL" --out "$TMP/x.safetensors" --method random --sparsity 0.5
assert_rc 2 "unknown method"
assert_one_error_line "--method"
run prune "$Q" --out "$TMP/x.safetensors" --method structured --sparsity 0.5 --data synthetic
assert_rc 2 "structured pruning of an int8 model"
assert_one_error_line "linear_int8"
head -c 300 "$Q" > "$TMP/truncated.safetensors"
run inspect "$TMP/truncated.safetensors"
assert_rc 2 "truncated int8 file"
assert_one_error_line "truncated.safetensors"
run evaluate "$TMP/truncated.safetensors" --data synthetic
assert_rc 2 "evaluate a truncated int8 file"

finish
