#!/bin/bash
# Builds every example against an installed tinyperf and runs it; what `make test-examples` does
# after `cmake --install build/release --prefix build/install`.
#   examples/build_and_run.sh PREFIX BUILD_DIR
# Each example is its own CMake project (find_package(tinyperf) through CMAKE_PREFIX_PATH=PREFIX),
# built in BUILD_DIR/<name> (log: <name>.build.log); each program's output goes to
# BUILD_DIR/<name>.exit<code>.log, and its key lines are printed. Fails at the first example that
# does not configure, build, or run with the expected exit code, showing that step's output.
set -euo pipefail
prefix=$(realpath "$1")
build=$2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
mkdir -p "$build"

# run NAME EXPECTED_EXIT PATTERN ARGS...: runs BUILD_DIR/NAME/NAME ARGS, its output in
# BUILD_DIR/NAME.exitEXPECTED.log; prints the lines matching PATTERN (grep -E).
run() {
  local name=$1 expected=$2 pattern=$3 log=$build/$1.exit$2.log rc=0
  shift 3
  "$build/$name/$name" "$@" >"$log" 2>&1 || rc=$?
  if [ "$rc" -ne "$expected" ]; then
    cat "$log"
    echo "examples: $name exited $rc, expected $expected (output above, in $log)" >&2
    exit 1
  fi
  echo "== $name: exit $rc as expected; $log"
  grep -E "$pattern" "$log" | sed 's/^/   /' || true
}

for name in time_function loadgen_sut submission_report; do
  log=$build/$name.build.log
  if ! { cmake -S "$here/$name" -B "$build/$name" -DCMAKE_PREFIX_PATH="$prefix" "${launcher[@]}" &&
         cmake --build "$build/$name" -j "${JOBS:-2}"; } >"$log" 2>&1; then
    cat "$log"
    echo "examples: $name does not configure or build against $prefix (output above)" >&2
    exit 1
  fi
done

run time_function 0 '^(speedup|verdict)'
run loadgen_sut 0 '^=>'
cd "$repo"
run submission_report 0 ': valid' "$build/reports" schema/examples/valid/*.json
# An invalid file is a finding, not a failure: exit 1, each error with its JSON path.
run submission_report 1 . "$build/reports" schema/examples/invalid/v1_ci_reversed.json
