#!/usr/bin/env bash
# Runs the PostgreSQL store tests (the program given as $1) against a private, throw-away server:
# initdb in a temporary folder, pg_ctl start on a free loopback port with trust authentication
# (root runs the server as the postgres user, which is what initdb requires), the tests with
# TINYPERF_TEST_POSTGRES_URL pointing at it, then pg_ctl stop and the folder removed, also when
# the tests fail or the script is interrupted. When no server can be started it says why, and
# then fails in CI (CI=true) and exits 77 elsewhere, which ctest reports as a skipped test (with
# this reason in its output): never a silent skip, and never a pass.
set -u

TEST_PROGRAM=${1:?usage: bash $0 /path/to/store_postgres_test [gtest flags]}
shift

fail() {
  if [ "${CI:-}" = "true" ]; then
    echo "store.postgres: FAILED: cannot run the PostgreSQL tests: $*" >&2
    echo "store.postgres: (CI=true: a server must be able to start on CI)" >&2
    exit 1
  fi
  echo "store.postgres: SKIPPED, NOT RUN: cannot run the PostgreSQL tests: $*" >&2
  echo "store.postgres: (with CI=true this is a failure)" >&2
  exit 77
}

bindir=${TINYPERF_PG_BINDIR:-}
if [ -z "$bindir" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
  fail "no initdb and pg_ctl under /usr/lib/postgresql/*/bin (install the postgresql package with scripts/setup.sh, or set TINYPERF_PG_BINDIR)"
fi

work=$(mktemp -d /tmp/tinyperf_pg.XXXXXX) || fail "cannot create a temporary folder"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { rm -rf "$work"; fail "running as root, and there is no postgres user to run the server as"; }
  chown postgres: "$work"
  as_owner=(runuser -u postgres --)
fi

stop_server() {
  if [ -f "$work/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bindir/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 ||
      "${as_owner[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

started_ns=$(date +%s%N)
if ! "${as_owner[@]}" "$bindir/initdb" -D "$work/data" -U postgres --auth=trust --encoding=UTF8 \
    --no-locale --no-sync >"$work/initdb.log" 2>&1; then
  fail "initdb failed: $(tail -n 3 "$work/initdb.log" | tr '\n' ' ')"
fi

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A port found free can be taken before the server binds it: try a few.
port=""
for attempt in 1 2 3; do
  candidate=$(free_port) || fail "cannot find a free loopback port (python3 missing?)"
  if "${as_owner[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $candidate -k $work -c fsync=off" start >/dev/null 2>&1; then
    port=$candidate
    break
  fi
done
[ -n "$port" ] || fail "pg_ctl start failed 3 times: $(tail -n 3 "$work/server.log" 2>/dev/null | tr '\n' ' ')"
echo "store.postgres: private server ($("$bindir/postgres" --version)) on 127.0.0.1:$port," \
  "initdb + start took $(( ($(date +%s%N) - started_ns) / 1000000 )) ms"

export TINYPERF_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
"$TEST_PROGRAM" "$@"
