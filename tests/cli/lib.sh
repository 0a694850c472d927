# Shared helpers of the CLI end-to-end tests. Each test script is run by ctest as
#   bash tests/cli/NAME_test.sh /path/to/tinyperf
# with tests/cli as its working directory. Source this file, call `run` and the assert_* helpers,
# and end with `finish` (exit status 1 when any assertion failed). Other engineers may append
# helpers at the end; keep the existing ones unchanged.
#
#   run ARGS...            runs tinyperf; sets RC, and OUT / ERR to files holding stdout / stderr
#   assert_rc N DESC       the last run exited with N
#   assert_stdout_has TEXT / assert_stderr_has TEXT / assert_stdout_empty
#   assert_one_error_line TEXT...  stderr is exactly one line and contains every TEXT
#   assert_json PYEXPR DESC        stdout is one JSON document d and the Python expression holds;
#                                  close(a, b, tol=1e-9) compares numbers (relative or absolute tol)
#   fail MESSAGE / pass            record a check done by hand
#   $TMP                           a scratch folder removed at exit

set -u

TINYPERF=${1:?usage: bash $0 /path/to/tinyperf}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tinyperf_cli_test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
OUT=$TMP/stdout
ERR=$TMP/stderr
RC=0
FAILURES=0
CHECKS=0
LAST_CMD=""
# The system's python3 (where Debian's python3-jsonschema lives, and faster to start than a pyenv
# shim); TINYPERF_PYTHON overrides it.
if [ -n "${TINYPERF_PYTHON:-}" ]; then
  PYTHON=$TINYPERF_PYTHON
elif [ -x /usr/bin/python3 ]; then
  PYTHON=/usr/bin/python3
else
  PYTHON=python3
fi

run() {
  LAST_CMD="tinyperf $*"
  "$TINYPERF" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}

fail() {
  FAILURES=$((FAILURES + 1))
  echo "FAIL: $1"
  echo "  command: $LAST_CMD (exit $RC)"
  echo "  stdout: $(head -c 600 "$OUT")"
  echo "  stderr: $(head -c 600 "$ERR")"
}

pass() { CHECKS=$((CHECKS + 1)); }

assert_rc() {
  if [ "$RC" -eq "$1" ]; then pass; else fail "${2:-exit code}: expected exit $1"; fi
}

assert_stdout_has() {
  if grep -qF -- "$1" "$OUT"; then pass; else fail "stdout lacks '$1'"; fi
}

assert_stderr_has() {
  if grep -qF -- "$1" "$ERR"; then pass; else fail "stderr lacks '$1'"; fi
}

assert_stdout_empty() {
  if [ ! -s "$OUT" ]; then pass; else fail "stdout is not empty"; fi
}

assert_one_error_line() {
  local lines
  lines=$(wc -l <"$ERR")
  if [ "$lines" -ne 1 ]; then fail "stderr has $lines lines, expected exactly 1"; return; fi
  local text
  for text in "$@"; do
    if ! grep -qF -- "$text" "$ERR"; then fail "stderr lacks '$text'"; return; fi
  done
  pass
}

assert_json() {
  if "$PYTHON" - "$OUT" "$1" <<'PY'
import json, math, sys
def close(a, b, tol=1e-9):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=tol, abs_tol=tol)
try:
    with open(sys.argv[1]) as f:
        d = json.load(f)  # fails unless stdout is exactly one JSON document
    ok = eval(sys.argv[2])
except Exception as e:  # not JSON, or a missing key: a failed check, reported in one line
    print(f"  python: {type(e).__name__}: {e}")
    ok = False
sys.exit(0 if ok else 1)
PY
  then pass; else fail "${2:-json check}: $1"; fi
}

finish() {
  echo "$(basename "$0"): $CHECKS checks passed, $FAILURES failed"
  [ "$FAILURES" -eq 0 ]
  exit $?
}

# expect_bad_input MENTIONED ARGS...: `tinyperf ARGS...` fails as bad input or usage: exit 2,
# nothing on stdout, and one line on stderr that contains MENTIONED (the file or flag at fault).
expect_bad_input() {
  local mention=$1
  shift
  run "$@"
  assert_rc 2 "$*"
  assert_stdout_empty
  assert_one_error_line "$mention"
}
