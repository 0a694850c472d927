#!/usr/bin/env bash
# What run_with_postgres.sh ($1) does when no PostgreSQL server can start (here: no initdb where
# TINYPERF_PG_BINDIR points): under CI=true it fails (exit 1), elsewhere it exits 77 (a skip
# that ctest reports); both say why on stderr, and neither runs the test program.
set -u
SCRIPT=${1:?usage: bash $0 /path/to/run_with_postgres.sh}
failures=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tinyperf_pg_unavailable.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# A "test program" that would leave a mark if it were run.
printf '#!/bin/sh\ntouch %s/ran\n' "$tmp" >"$tmp/program"
chmod +x "$tmp/program"

check() {  # DESCRIPTION EXPECTED_RC EXPECTED_TEXT CI_VALUE
  local rc
  CI=$4 TINYPERF_PG_BINDIR=$tmp/no_such_bin bash "$SCRIPT" "$tmp/program" 2>"$tmp/err"
  rc=$?
  if [ "$rc" -ne "$2" ]; then echo "FAIL: $1: exit $rc, expected $2"; failures=$((failures + 1)); fi
  if ! grep -qF -- "$3" "$tmp/err"; then
    echo "FAIL: $1: stderr lacks '$3': $(cat "$tmp/err")"
    failures=$((failures + 1))
  fi
  if ! grep -qF -- "no initdb and pg_ctl" "$tmp/err"; then
    echo "FAIL: $1: the reason is not given"
    failures=$((failures + 1))
  fi
  if [ -e "$tmp/ran" ]; then echo "FAIL: $1: the test program ran"; failures=$((failures + 1)); fi
}

check "in CI" 1 "store.postgres: FAILED" true
check "outside CI" 77 "store.postgres: SKIPPED, NOT RUN" ""
echo "unavailable_test.sh: $failures failures"
[ "$failures" -eq 0 ]
