#!/usr/bin/env bash
# Times tinyperf on inputs shaped to make a parser slow (docs/benchmarks.md, "Reading JSON"):
#   many.json     one JSON object holding 100,000 empty objects (1.4 MB): `tinyperf validate`
#   relu200k.tpm  a model file whose 4 MB header lists 200,000 ReLU layers: `tinyperf inspect`
# Prints wall time and peak RSS of each. Both commands exit non-zero or print a lot; only the time
# matters here.
#
#   bench/hostile_inputs.sh            # build/release
set -euo pipefail
. "$(dirname "$0")/common.sh"
python3 - "$work" <<'PY'
import json, struct, sys
work = sys.argv[1]
json.dump({"k%d" % i: {} for i in range(100000)}, open(f"{work}/many.json", "w"))
arch = {"input_features": 4, "layers": [{"type": "relu"}] * 200000}
meta = {"tinyperf.architecture": json.dumps(arch, separators=(",", ":")),
        "tinyperf.format": "tinyperf-model", "tinyperf.format_version": "1",
        "tinyperf.precision": "fp32"}
header = json.dumps({"__metadata__": meta}, separators=(",", ":")).encode()
header += b" " * ((8 - len(header) % 8) % 8)
open(f"{work}/relu200k.tpm", "wb").write(struct.pack("<Q", len(header)) + header)
PY
for cmd in "validate $work/many.json" "inspect $work/relu200k.tpm"; do
  # shellcheck disable=SC2086
  /usr/bin/time -o "$work/time" -f "%e s, %M KB" "$tinyperf" $cmd >/dev/null 2>&1 || true
  echo "tinyperf ${cmd%% *} $(basename "${cmd##* }"): $(grep -v "exited with" "$work/time")"
done
