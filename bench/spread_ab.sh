#!/usr/bin/env bash
# Does a change of the workers' environment reduce the spread between runs? (docs/benchmarks.md,
# "Reducing the spread"). Alternates REPEATS pairs of
#   tinyperf bench MODEL COPY --runs 10
# as is and with SETTING:
#   huge-pages  GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (glibc >= 2.35: malloc advises
#               MADV_HUGEPAGE on the memory it maps, so under THP "madvise" the kernel backs the
#               weights with 2 MB pages; every run records what it got in `huge_pages`)
#   pin-cpu     the whole bench, and so every worker, under `taskset -c CPU` (default: the last
#               CPU), so a worker never migrates between CPUs
# Prints, per setting, the median latency of MODEL over the benches and their range, the
# between-run spread of each bench (pooled cv of the log run medians of both files) and the huge
# pages the workers had.
#
#   SETTING=huge-pages bench/spread_ab.sh       # trains a model; 10 pairs
#   SETTING=pin-cpu MODEL=my.safetensors REPEATS=20 bench/spread_ab.sh
set -euo pipefail

. "$(dirname "$0")/common.sh"
repeats=${REPEATS:-10}
setting=${SETTING:?SETTING=huge-pages or SETTING=pin-cpu}
cpu=${CPU:-$(($(nproc) - 1))}
case "$setting" in
  huge-pages) with=(env GLIBC_TUNABLES=glibc.malloc.hugetlb=1) ;;
  pin-cpu) with=(taskset -c "$cpu") ;;
  *) echo "SETTING must be huge-pages or pin-cpu, got $setting" >&2; exit 2 ;;
esac
model_with_copy m fashion-mnist
for i in $(seq 1 "$repeats"); do
  env -u GLIBC_TUNABLES "$tinyperf" bench "$work/m.safetensors" "$work/copy/m.safetensors" \
    --runs 10 --seed "$i" --out "$work/out" --json >"$work/off$i.json" 2>/dev/null
  "${with[@]}" "$tinyperf" bench "$work/m.safetensors" \
    "$work/copy/m.safetensors" --runs 10 --seed "$i" --out "$work/out" --json \
    >"$work/on$i.json" 2>/dev/null
done
python3 - "$work" "$repeats" "${with[*]}" <<'PY'
import json, math, statistics, sys
from collections import Counter
work, repeats, with_text = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for mode, label in (("off", "as is"), ("on", with_text)):
    medians, spreads, pages = [], [], Counter()
    for i in range(1, repeats + 1):
        d = json.load(open(f"{work}/{mode}{i}.json"))
        m = d["models"][0]
        medians.append(m["latency_ms"]["median"] * 1000)
        spreads.append(d["comparisons"][0]["between_run_cv"] * 100)
        for mm in d["models"]:
            for r in mm["runs"]:
                pages[r["huge_pages"]] += 1
    print(f"{label}: median latency {statistics.median(medians):.2f} us "
          f"(benches {min(medians):.2f}-{max(medians):.2f}); between-run spread per bench: "
          f"median {statistics.median(spreads):.1f} %, mean {statistics.mean(spreads):.1f} %, "
          f"max {max(spreads):.1f} %; huge pages: "
          + ", ".join(f"{k} x{v}" for k, v in pages.most_common()))
PY
