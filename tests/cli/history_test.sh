# tinyperf history and history add: listing (table and --json), filters, the default location
# (TINYPERF_DB, XDG_DATA_HOME, HOME), bad stores (missing, not a database, newer schema, an
# unreachable server) with one-line errors, and the file's health after concurrent writers and
# writers killed with SIGKILL at random moments.
. "$(dirname "$0")/lib.sh"

EX=../../schema/examples
DB=$TMP/history.db
# Never touch the real history of the user running the tests.
export HOME=$TMP/home
unset TINYPERF_DB XDG_DATA_HOME

# A valid copy of the full example submission, measured at 10:00:00 + N s by commit COMMIT.
variant() {
  "$PYTHON" - "$EX/valid/v1_full.json" "$TMP/run$1.json" "$1" "$2" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
n = int(sys.argv[3])
doc["timestamp"] = "2026-11-22T%02d:%02d:%02dZ" % (10 + n // 3600, n // 60 % 60, n % 60)
doc["tool"]["git_commit"] = sys.argv[4]
json.dump(doc, open(sys.argv[2], "w"))
PY
  echo "$TMP/run$1.json"
}

# Runs a Python check on a SQLite file (stdout: what it prints).
sqlite_check() {
  "$PYTHON" - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(eval(sys.argv[2]))
PY
}

# --- An empty default history: a note on stderr, nothing created.
run history
assert_rc 0 "history before any run"
assert_stdout_empty
assert_stderr_has "no runs recorded yet ($HOME/.local/share/tinyperf/history.db does not exist)"
run history --json
assert_rc 0 "history --json before any run"
assert_json 'd == []' "empty JSON list"
[ ! -e "$HOME/.local/share" ] && pass || fail "listing created the default history"

# --- A named store must exist.
run history --db "$TMP/missing.db"
assert_rc 2 "--db naming a missing file"
assert_one_error_line "$TMP/missing.db: no such history database"

# --- Recording: once per document.
run history add --db "$DB" "$EX/valid/v1_full.json"
assert_rc 0 "history add"
assert_stdout_has "$EX/valid/v1_full.json: recorded as run 1 in $DB"
run history add --db "$DB" "$EX/valid/v1_full.json"
assert_rc 0 "history add of the same file again"
assert_stdout_has "already recorded as run 1"
run history add --db "$DB" --json "$(variant 1 c1)" "$(variant 2 c2)" "$(variant 3 c3)"
assert_rc 0 "history add of three files"
assert_json '[r["id"] for r in d] == [2, 3, 4] and all(r["inserted"] for r in d)' "ids of three runs"

# --- Listing.
run history --db "$DB" --json
assert_rc 0 "history --json"
assert_json 'len(d) == 4 and [r["id"] for r in d] == [4, 3, 2, 1]' "newest first"
assert_json 'd[0]["git_commit"] == "c3" and d[0]["time"] == "2026-11-22T10:00:03Z"' "commit and time"
assert_json 'd[3]["scenario"] == "single_stream" and d[3]["processor"] == "AMD EPYC 9R14"' "settings"
assert_json '[m["model_name"] for m in d[0]["models"]] == ["mlp_fp32", "mlp_int8", "mlp_pruned_50"]' "models"
assert_json 'close(d[0]["models"][1]["latency_ms_median"], 0.81) and d[0]["models"][1]["sample_count"] == 12' "metrics"
assert_json 'd[0]["verdict"] == "faster" and close(d[0]["speedup"], 2.611111111111111)' "verdict"
assert_json 'd[0]["models"][2]["sample_count"] == 0 and d[0]["models"][2]["latency_ms_p99"] is not None' "candidate"
run history --db "$DB" --model mlp_int8 --limit 2 --json
assert_json '[r["id"] for r in d] == [4, 3]' "--model and --limit"
run history --db "$DB" --processor "Other CPU" --json
assert_json 'd == []' "--processor"
run history --db "$DB" --model mlp_int8
assert_rc 0 "history table"
assert_stdout_has "history $DB: 4 runs, newest first"
assert_stdout_has "2026-11-22 10:00:03  c3"
assert_stdout_has "faster (2.61x)"
[ "$(grep -c mlp_int8 "$OUT")" -eq 4 ] && pass || fail "one table line per run of mlp_int8"
grep -q mlp_fp32 "$OUT" && fail "--model shows other models" || pass

# --- The default location: TINYPERF_DB, then XDG_DATA_HOME.
TINYPERF_DB=$DB run history --json
assert_json 'len(d) == 4' "TINYPERF_DB"
XDG_DATA_HOME=$TMP/xdg run history add "$(variant 9 c9)"
assert_rc 0 "history add to the XDG default"
[ -f "$TMP/xdg/tinyperf/history.db" ] && pass || fail "XDG_DATA_HOME/tinyperf/history.db not created"

# --- Bad submissions record nothing, not even the good files beside them.
run history add --db "$DB" "$(variant 10 c10)" "$EX/invalid/v1_missing_tool.json"
assert_rc 2 "an invalid submission"
assert_one_error_line "v1_missing_tool.json"
run history add --db "$DB" "$EX/valid/tinytorch_means.json"
assert_rc 2 "a capstone submission"
assert_one_error_line "tinytorch_means.json: a tinytorch capstone submission; the history stores tinyperf v1 submissions only"
run history --db "$DB" --json
assert_json 'len(d) == 4' "nothing recorded by failed adds"

# --- Bad stores.
echo "my notes, not a database" >"$TMP/notes.db"
run history --db "$TMP/notes.db"
assert_rc 2 "a text file as --db"
assert_one_error_line "$TMP/notes.db: not a SQLite database"
cp "$DB" "$TMP/newer.db"
sqlite_check "$TMP/newer.db" 'db.execute("UPDATE schema_version SET version = 99") and db.commit()' >/dev/null
run history --db "$TMP/newer.db"
assert_rc 2 "a newer schema"
assert_one_error_line "history schema version 99 is newer than this tinyperf understands"
# Another application's database: the library names the setting (db), the CLI its flag, and the
# file name keeps its ".db".
sqlite_check "$TMP/contacts.db" 'db.execute("CREATE TABLE contacts (name TEXT)") and db.commit()' >/dev/null
run history --db "$TMP/contacts.db"
assert_rc 2 "another application's SQLite file"
assert_one_error_line "$TMP/contacts.db: not a tinyperf history (it has a table 'contacts' but no schema_version); use another --db"
run history --db "postgresql://ann:s3cret@127.0.0.1:1/perf"
assert_rc 2 "an unreachable PostgreSQL server"
assert_one_error_line "postgresql://ann:***@127.0.0.1:1/perf: cannot connect to PostgreSQL"
grep -q s3cret "$ERR" && fail "the password was printed" || pass
run history --db "$DB" --limit -1
assert_rc 2 "--limit -1"

# --- Concurrent writers: 8 processes add at the same moment; every run lands, the file is healthy.
CDB=$TMP/concurrent.db
pids=()
for n in $(seq 100 107); do
  file=$(variant "$n" "c$n")
  "$TINYPERF" history add --db "$CDB" "$file" >/dev/null 2>"$TMP/add$n.err" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
[ "$status" -eq 0 ] && pass || fail "a concurrent history add failed: $(cat "$TMP"/add1*.err)"
run history --db "$CDB" --json
assert_json 'len(d) == 8 and len({r["time"] for r in d}) == 8' "8 concurrent runs stored"
[ "$(sqlite_check "$CDB" 'db.execute("PRAGMA integrity_check").fetchone()[0]')" = ok ] && pass ||
  fail "integrity_check after concurrent writers"

# --- Writers killed with SIGKILL at random moments: never a half-written run, never a damaged file.
KDB=$TMP/killed.db
"$TINYPERF" history add --db "$KDB" "$(variant 200 c200)" >/dev/null
for n in $(seq 201 212); do
  file=$(variant "$n" "c$n")
  "$TINYPERF" history add --db "$KDB" "$file" >/dev/null 2>&1 &
  pid=$!
  sleep "0.0$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
done
[ "$(sqlite_check "$KDB" 'db.execute("PRAGMA integrity_check").fetchone()[0]')" = ok ] && pass ||
  fail "integrity_check after killed writers"
half=$(sqlite_check "$KDB" 'db.execute("SELECT count(*) FROM runs WHERE id NOT IN (SELECT run_id FROM run_models)").fetchone()[0]')
[ "$half" = 0 ] && pass || fail "$half runs without their models after killed writers"
for n in $(seq 201 212); do "$TINYPERF" history add --db "$KDB" "$TMP/run$n.json" >/dev/null || fail "re-adding run $n"; done
run history --db "$KDB" --json
assert_json 'len(d) == 13 and all(len(r["models"]) == 3 for r in d)' "every run whole after the kills"

# An empty --db is refused: it would otherwise silently mean the default history.
expect_bad_input "--db: must not be empty" history --db ""
expect_bad_input "--db: must not be empty" run --db ""
expect_bad_input "--db: must not be empty" compare data/base.txt data/slow.txt --db ""

finish
